import type { z } from "zod";
import type { AuditInputSchema, FindingInputSchema } from "../../../contracts/audit-programme.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { type AuditPlanning, auditLacks, documentsAddressing, numberedRef, reportContent } from "../../../core/audit-programme/audits.js";
import { buildChecklist, type ChecklistLine } from "../../../core/audit-programme/checklist.js";
import { type CoverageAudit, type CoverageTarget, clauseCovers, coverageMatrix, cycleEnd } from "../../../core/audit-programme/coverage.js";
import type { AuditProgrammeFacts } from "../../../core/audit-programme/rules.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import { conflict, notFound } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { listControls } from "../controls/index.js";
import { iso27001Reference } from "../gap/index.js";
import { methodInForce } from "../risk-method/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { auditConflicts } from "./audit-programme.checks.js";
import { parseList, presentAudit, presentAudits } from "./audit-programme.present.js";
import type { AuditFindingsTable, AuditProgrammesTable, AuditsTable } from "./audit-programme.tables.js";

export const AUDIT = "audit";
export const FINDING = "finding";
export const PROGRAMME = "audit programme";

type AuditInput = z.output<typeof AuditInputSchema>;
type FindingInput = z.output<typeof FindingInputSchema>;

export async function findProgramme(db: Db | WriteContext, orgId: string, id: string): Promise<AuditProgrammesTable> {
  const row = await reader(db)
    .selectFrom("audit_programmes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(PROGRAMME);
  return row;
}

export async function findAudit(db: Db | WriteContext, orgId: string, id: string): Promise<AuditsTable> {
  const row = await reader(db).selectFrom("audits").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(AUDIT);
  return row;
}

export async function findFinding(db: Db | WriteContext, orgId: string, id: string): Promise<AuditFindingsTable> {
  const row = await reader(db).selectFrom("audit_findings").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(FINDING);
  return row;
}

/** One page of the organization's audits by number (those of one programme only, if asked), presented. */
export async function listAudits(db: Db, orgId: string, programmeId: string | undefined, page: Omit<ListParams<string>, "sort">) {
  let query = db.kysely.selectFrom("audits").selectAll().where("org_id", "=", orgId);
  if (programmeId) query = query.where("programme_id", "=", programmeId);
  const result = await paginate(query, "number", { ...page, sort: "number" }, (row) => row);
  return { items: await presentAudits(db, orgId, result.items), nextCursor: result.nextCursor };
}

/** One audit planned under the programme, if any: a programme with audits is not removed. */
export async function anyAuditOf(db: Db | WriteContext, orgId: string, programmeId: string): Promise<{ ref: string } | undefined> {
  return reader(db)
    .selectFrom("audits")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("programme_id", "=", programmeId)
    .limit(1)
    .executeTakeFirst();
}

/** The audit's findings by number. */
export async function findingsOf(db: Db | WriteContext, orgId: string, auditId: string): Promise<AuditFindingsTable[]> {
  return reader(db)
    .selectFrom("audit_findings")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("audit_id", "=", auditId)
    .orderBy("number")
    .execute();
}

/** One finding recorded in the audit, if any: an audit with findings is not removed. */
export async function anyFindingOf(db: Db | WriteContext, orgId: string, auditId: string): Promise<{ ref: string } | undefined> {
  return reader(db)
    .selectFrom("audit_findings")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("audit_id", "=", auditId)
    .limit(1)
    .executeTakeFirst();
}

const auditRow = (input: AuditInput) => ({
  programme_id: input.programmeId,
  title: input.title,
  clauses: JSON.stringify([...new Set(input.scope.clauses)]),
  controls: JSON.stringify([...new Set(input.scope.controls)]),
  areas: JSON.stringify([...new Set(input.scope.areas)]),
  criteria: input.criteria,
  lead_auditor_id: input.leadAuditorUserId,
  team: JSON.stringify([...new Set(input.teamUserIds)]),
  start_date: input.startDate,
  end_date: input.endDate,
  plan: input.plan,
  status: input.status,
  conclusion: input.conclusion,
});

export async function createAudit(ctx: WriteContext, orgId: string, input: AuditInput): Promise<AuditsTable> {
  const number = await nextNumber(ctx, "audits", orgId);
  const row: AuditsTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    number,
    ref: numberedRef("IA", number),
    ...auditRow(input),
    report: null,
    report_hash: null,
    report_issued_at: null,
    report_issued_by: null,
  };
  await insertAudited(ctx, "audits", row, { orgId, entityType: AUDIT });
  return row;
}

export const refuseIssued = (audit: Pick<AuditsTable, "report_issued_at" | "ref">) => {
  if (audit.report_issued_at) throw conflict(`the report of audit ${audit.ref} is issued: the audit and its findings can no longer change`);
};

export async function updateAudit(ctx: WriteContext, orgId: string, id: string, input: AuditInput, version: number) {
  refuseIssued(await findAudit(ctx, orgId, id));
  return await updateAudited(ctx, "audits", id, auditRow(input), {
    orgId,
    entityType: AUDIT,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
}

/** The clause requirements a scope covers, in reference order. */
function scopedClauses(scoped: readonly string[]) {
  return iso27001Reference()
    .items.filter((i) => i.kind === "clause" && scoped.some((s) => clauseCovers(s, i.id)))
    .map((i) => ({ id: i.id, title: i.title }));
}

/** The checklist from the audit's scope, with what the registers say about each line. */
export async function auditChecklist(db: Db | WriteContext, orgId: string, audit: AuditsTable): Promise<ChecklistLine[]> {
  const k = reader(db);
  const controls = parseList(audit.controls);
  const areas = parseList(audit.areas);
  const [all, entries, gaps, documents, elements] = await Promise.all([
    controls.length === 0 ? [] : listControls(db, orgId),
    controls.length === 0
      ? []
      : k
          .selectFrom("soa_entries")
          .select(["control_id", "implementation", "owner"])
          .where("org_id", "=", orgId)
          .where("control_id", "in", controls)
          .execute(),
    controls.length === 0
      ? []
      : k
          .selectFrom("gap_assessments")
          .select(["item_id", "evidence"])
          .where("org_id", "=", orgId)
          .where("item_id", "in", controls)
          .execute(),
    k
      .selectFrom("documents")
      .select(["id", "identifier", "title", "type"])
      .where("org_id", "=", orgId)
      .where("retired_at", "is", null)
      .execute(),
    areas.length === 0
      ? []
      : k
          .selectFrom("scope_elements")
          .select(["id", "kind", "name", "owner"])
          .where("org_id", "=", orgId)
          .where("id", "in", areas)
          .execute(),
  ]);
  const byId = new Map(all.map((c) => [c.id, c]));
  const entry = new Map(entries.map((e) => [e.control_id, e]));
  const evidence = new Map(gaps.map((g) => [g.item_id, g.evidence]));
  const policy = documents.filter((d) => d.type === "isms_policy").map((d) => ({ id: d.id, identifier: d.identifier, title: d.title }));
  const order = new Map(areas.map((a, i) => [a, i]));
  return buildChecklist({
    clauses: scopedClauses(parseList(audit.clauses)).map((c) => ({ ...c, documents: c.id.startsWith("5.") ? policy : [] })),
    controls: controls.map((id) => {
      const c = byId.get(id);
      const e = entry.get(id);
      return {
        id,
        ref: c?.ref ?? id,
        title: c?.title ?? id,
        implementation: e?.implementation ?? "not_started",
        owner: e?.owner ?? null,
        evidence: evidence.get(id) ?? null,
        documents: c ? documentsAddressing(documents, c.ref, c.title) : [],
      };
    }),
    areas: [...elements].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
  });
}

// ---- findings

export async function createFinding(
  ctx: WriteContext,
  orgId: string,
  audit: AuditsTable,
  input: FindingInput,
): Promise<AuditFindingsTable> {
  refuseIssued(audit);
  const number = await nextNumber(ctx, "audit_findings", orgId);
  const row: AuditFindingsTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    audit_id: audit.id,
    number,
    ref: numberedRef("F", number),
    kind: input.kind,
    target: input.target,
    title: input.title,
    description: input.description,
    evidence: input.evidence,
  };
  await insertAudited(ctx, "audit_findings", row, { orgId, entityType: FINDING });
  return row;
}

// ---- the report

/** Freezes the report: the audit, its checklist and findings as they are now, with a hash; the audit is completed. */
export async function issueReport(ctx: WriteContext, orgId: string, audit: AuditsTable, issuedBy: string, version: number) {
  refuseIssued(audit);
  if (audit.version !== version)
    throw conflict(`audit was changed by someone else (you sent version ${version}, it is now at ${audit.version}); reload and try again`);
  const [shown, checklist, findings] = await Promise.all([
    presentAudit(ctx, orgId, audit),
    auditChecklist(ctx, orgId, audit),
    findingsOf(ctx, orgId, audit.id),
  ]);
  const content = reportContent(shown, checklist, findings);
  const text = canonicalJson(content);
  return await updateAudited(
    ctx,
    "audits",
    audit.id,
    { status: "completed", report: text, report_hash: sha256(text), report_issued_at: ctx.now, report_issued_by: issuedBy },
    { orgId, entityType: AUDIT, action: "audit.report-issued", expectedVersion: version, scope: { org_id: orgId } },
  );
}

// ---- coverage and the 9.4b facts

async function latestProgramme(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("audit_programmes")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("cycle_start", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The coverage matrix; `withPriorities: false` skips what only the priorities need (risk levels, earlier findings), for counts. */
export async function programmeCoverage(db: Db, orgId: string, programme: AuditProgrammesTable, withPriorities = true) {
  const k = db.kysely;
  const [soa, method, audits, findings] = await Promise.all([
    computeCurrentSoa(db, orgId),
    withPriorities ? methodInForce(db, orgId) : null,
    k
      .selectFrom("audits")
      .select(["id", "ref", "title", "start_date", "status", "clauses", "controls"])
      .where("org_id", "=", orgId)
      .where("programme_id", "=", programme.id)
      .execute(),
    withPriorities
      ? k
          .selectFrom("audit_findings")
          .select(["target", (eb) => eb.fn.countAll<number | string>().as("n")])
          .where("org_id", "=", orgId)
          .where("kind", "!=", "opportunity")
          .groupBy("target")
          .execute()
      : [],
  ]);
  const threshold = method?.method.threshold ?? null;
  const risky =
    threshold === null
      ? new Set<string>()
      : new Set(
          (
            await k
              .selectFrom("risk_controls as c")
              .innerJoin("risks as r", "r.id", "c.risk_id")
              .select("c.control_id")
              .distinct()
              .where("c.org_id", "=", orgId)
              .where("c.risk_open", "=", 1)
              .where((eb) => eb(eb.fn.coalesce("r.residual_level", "r.current_level", "r.inherent_level"), ">", threshold))
              .execute()
          ).map((r) => r.control_id),
        );
  const found = new Map(findings.map((f) => [f.target, Number(f.n)]));
  const targets: CoverageTarget[] = [
    ...iso27001Reference()
      .items.filter((i) => i.kind === "clause")
      .map((i): CoverageTarget => ({ kind: "clause", id: i.id, ref: i.id, title: i.title, earlierFindings: found.get(i.id) ?? 0 })),
    ...soa.rows
      .filter((r) => r.applicable === true)
      .map(
        (r): CoverageTarget => ({
          kind: "control",
          id: r.control.id,
          ref: r.control.ref,
          title: r.control.title,
          highRisk: risky.has(r.control.id),
          earlierFindings: found.get(r.control.id) ?? 0,
        }),
      ),
  ];
  const planned: CoverageAudit[] = audits
    .filter((a) => a.start_date !== null)
    .map((a) => ({
      id: a.id,
      ref: a.ref,
      title: a.title,
      start: a.start_date as string,
      status: a.status,
      clauses: parseList(a.clauses),
      controls: parseList(a.controls),
    }));
  return coverageMatrix(targets, planned, programme.cycle_start, cycleEnd(programme.cycle_start, programme.cycle_years));
}

/**
 * How much of clauses 4–10 and the SoA-included controls the audits of the current cycle cover:
 * the programme whose cycle holds `today` (else the latest one). Null without a programme.
 */
export async function auditProgrammeCoverage(
  db: Db,
  orgId: string,
  today: string,
): Promise<{ programme: string; covered: number; total: number } | null> {
  const started = await db.kysely
    .selectFrom("audit_programmes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("cycle_start", "<=", today)
    .orderBy("cycle_start", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const programme = started ?? (await latestProgramme(db, orgId));
  if (!programme) return null;
  const { summary } = await programmeCoverage(db, orgId, programme, false);
  return {
    programme: programme.title,
    covered: summary.clauses.planned + summary.controls.planned,
    total: summary.clauses.total + summary.controls.total,
  };
}

/** An audit's stored scope and plan as the readiness rule reads them. */
const planning = (a: AuditsTable): AuditPlanning => ({
  clauses: parseList(a.clauses),
  controls: parseList(a.controls),
  areas: parseList(a.areas),
  leadAuditorId: a.lead_auditor_id,
  criteria: a.criteria,
  startDate: a.start_date,
  endDate: a.end_date,
  plan: a.plan,
});

export async function loadAuditProgrammeFacts(db: Db, orgId: string): Promise<AuditProgrammeFacts> {
  const programme = await latestProgramme(db, orgId);
  if (!programme) {
    const any = await db.kysely.selectFrom("audits").select("id").where("org_id", "=", orgId).limit(1).execute();
    return { programme: null, unplanned: [], audits: any.map(() => ({ id: "", ref: "", title: "", lacks: [], conflicts: [] })) };
  }
  const [coverage, audits] = await Promise.all([
    programmeCoverage(db, orgId, programme),
    db.kysely
      .selectFrom("audits")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("programme_id", "=", programme.id)
      .orderBy("number")
      .execute(),
  ]);
  const conflicts = await Promise.all(
    audits
      .filter((a) => !a.report_issued_at)
      .map(async (a) => {
        const auditors = [...new Set([...(a.lead_auditor_id ? [a.lead_auditor_id] : []), ...parseList(a.team)])];
        return [
          a.id,
          (await auditConflicts(db, orgId, auditors, parseList(a.controls), parseList(a.areas))).map((c) => c.message),
        ] as const;
      }),
  );
  const byAudit = new Map(conflicts);
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      cycleStart: programme.cycle_start,
      cycleEnd: cycleEnd(programme.cycle_start, programme.cycle_years),
    },
    unplanned: coverage.rows.filter((r) => !r.planned).map((r) => ({ kind: r.kind, ref: r.ref, title: r.title })),
    audits: audits.map((a) => ({
      id: a.id,
      ref: a.ref,
      title: a.title,
      lacks: auditLacks(planning(a)),
      conflicts: byAudit.get(a.id) ?? [],
    })),
  };
}
