import type { z } from "zod";
import type {
  AuditInputSchema,
  AuditSchema,
  FindingInputSchema,
  FindingSchema,
  ProgrammeSchema,
} from "../../../contracts/audit-programme.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { buildChecklist, type ChecklistLine } from "../../../core/audit-programme/checklist.js";
import { type CoverageAudit, type CoverageTarget, clauseCovers, coverageMatrix, cycleEnd } from "../../../core/audit-programme/coverage.js";
import { describeConflict, independenceConflicts, type OwnedItem, type Person } from "../../../core/audit-programme/independence.js";
import type { AuditProgrammeFacts } from "../../../core/audit-programme/rules.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { listControls, unknownControls } from "../controls/index.js";
import { iso27001Reference } from "../gap/index.js";
import { methodInForce } from "../risk-method/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import type { AuditFindingsTable, AuditProgrammesTable, AuditsTable } from "./audit-programme.tables.js";

export const AUDIT = "audit";
export const FINDING = "finding";
export const PROGRAMME = "audit programme";

type AuditInput = z.output<typeof AuditInputSchema>;
type FindingInput = z.output<typeof FindingInputSchema>;
type Named = { id: string; name: string };

const parseList = (text: string) => JSON.parse(text) as string[];
const ref = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, "0")}`;

export function presentProgramme(row: AuditProgrammesTable): z.input<typeof ProgrammeSchema> {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    title: row.title,
    cycleStart: row.cycle_start,
    cycleYears: row.cycle_years,
    cycleEnd: cycleEnd(row.cycle_start, row.cycle_years),
    objectives: row.objectives,
  };
}

/** Names of users by id (members or not: a former member still shows by name). */
export async function namesOf(db: Db | WriteContext, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await reader(db).selectFrom("users").select(["id", "display_name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
const named = (names: Map<string, string>, id: string | null): Named | null => (id ? { id, name: names.get(id) ?? "former user" } : null);

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

export async function presentAudits(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly AuditsTable[],
): Promise<z.input<typeof AuditSchema>[]> {
  if (rows.length === 0) return [];
  const teams = rows.map((r) => parseList(r.team));
  const names = await namesOf(db, [...rows.map((r) => r.lead_auditor_id), ...teams.flat()]);
  const counts = await reader(db)
    .selectFrom("audit_findings")
    .select(["audit_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .where(
      "audit_id",
      "in",
      rows.map((r) => r.id),
    )
    .groupBy("audit_id")
    .execute();
  const findings = new Map(counts.map((c) => [c.audit_id, Number(c.n)]));
  return rows.map((row, i) => ({
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    programmeId: row.programme_id,
    ref: row.ref,
    title: row.title,
    scope: { clauses: parseList(row.clauses), controls: parseList(row.controls), areas: parseList(row.areas) },
    criteria: row.criteria,
    leadAuditor: named(names, row.lead_auditor_id),
    team: (teams[i] ?? []).map((id) => named(names, id) as Named),
    startDate: row.start_date,
    endDate: row.end_date,
    plan: row.plan,
    status: row.status as "planned",
    conclusion: row.conclusion,
    reportIssuedAt: row.report_issued_at,
    findings: findings.get(row.id) ?? 0,
  }));
}

export async function presentAudit(db: Db | WriteContext, orgId: string, row: AuditsTable) {
  return (await presentAudits(db, orgId, [row]))[0] as z.input<typeof AuditSchema>;
}

/** The people an audit names as they may appear as owners: id, display name, e-mail. */
async function people(db: Db | WriteContext, ids: readonly string[]): Promise<(Person & { name: string })[]> {
  if (ids.length === 0) return [];
  const rows = await reader(db)
    .selectFrom("users")
    .select(["id", "display_name", "email"])
    .where("id", "in", [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const u = byId.get(id);
    return u ? [{ id: u.id, aliases: [u.display_name, u.email], name: u.display_name }] : [];
  });
}

/** What the audit checks and who owns it: the scoped controls (owner in the SoA) and areas (owner in the scope). */
async function ownedItems(
  db: Db | WriteContext,
  orgId: string,
  controls: readonly string[],
  areas: readonly string[],
): Promise<OwnedItem[]> {
  const k = reader(db);
  const [entries, all, elements] = await Promise.all([
    controls.length === 0
      ? []
      : k
          .selectFrom("soa_entries")
          .select(["control_id", "owner"])
          .where("org_id", "=", orgId)
          .where("control_id", "in", [...controls])
          .execute(),
    controls.length === 0 ? [] : listControls(db, orgId),
    areas.length === 0
      ? []
      : k
          .selectFrom("scope_elements")
          .select(["id", "kind", "name", "owner"])
          .where("org_id", "=", orgId)
          .where("id", "in", [...areas])
          .execute(),
  ]);
  const owners = new Map(entries.map((e) => [e.control_id, e.owner]));
  const byId = new Map(all.map((c) => [c.id, c]));
  return [
    ...controls.map((id): OwnedItem => {
      const owner = owners.get(id);
      return { kind: "control", ref: byId.get(id)?.ref ?? id, title: byId.get(id)?.title ?? id, owners: owner ? [owner] : [] };
    }),
    ...elements.map((e): OwnedItem => ({ kind: e.kind.replace("_", " "), ref: e.name, title: e.name, owners: e.owner ? [e.owner] : [] })),
  ];
}

/** Independence conflicts of an audit's auditors, in words. */
export async function auditConflicts(
  db: Db | WriteContext,
  orgId: string,
  auditors: readonly string[],
  controls: readonly string[],
  areas: readonly string[],
): Promise<{ personId: string; message: string }[]> {
  const [persons, items] = await Promise.all([people(db, auditors), ownedItems(db, orgId, controls, areas)]);
  const names = new Map(persons.map((p) => [p.id, p.name]));
  return independenceConflicts(persons, items).map((c) => ({
    personId: c.personId,
    message: describeConflict(c, names.get(c.personId) ?? c.personId),
  }));
}

/** Refuses an audit that names unknown things, non-members, reversed dates, or auditors who own what they audit. */
export async function checkAudit(db: Db | WriteContext, orgId: string, input: AuditInput): Promise<void> {
  const k = reader(db);
  const errors: { field: string; message: string }[] = [];
  const programme = await k
    .selectFrom("audit_programmes")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", input.programmeId)
    .executeTakeFirst();
  if (!programme) errors.push({ field: "programmeId", message: "is not an audit programme of this organization" });
  const clauses = iso27001Reference().clauses;
  const badClauses = input.scope.clauses.filter((c) => !clauses.has(c));
  if (badClauses.length > 0)
    errors.push({ field: "scope.clauses", message: `names no clause of ISO/IEC 27001:2022 (4–10): ${badClauses.join(", ")}` });
  const badControls = await unknownControls(db, orgId, input.scope.controls);
  if (badControls.length > 0)
    errors.push({ field: "scope.controls", message: `names no control of the organization: ${badControls.join(", ")}` });
  if (input.scope.areas.length > 0) {
    const found = await k
      .selectFrom("scope_elements")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "in", input.scope.areas)
      .execute();
    const known = new Set(found.map((f) => f.id));
    const missing = input.scope.areas.filter((a) => !known.has(a));
    if (missing.length > 0)
      errors.push({ field: "scope.areas", message: `names no scope element of the organization: ${missing.join(", ")}` });
  }
  const auditors = [...new Set([...(input.leadAuditorUserId ? [input.leadAuditorUserId] : []), ...input.teamUserIds])];
  if (auditors.length > 0) {
    const members = await k
      .selectFrom("memberships")
      .select("user_id")
      .where("org_id", "=", orgId)
      .where("user_id", "in", auditors)
      .execute();
    const known = new Set(members.map((m) => m.user_id));
    if (input.leadAuditorUserId && !known.has(input.leadAuditorUserId))
      errors.push({ field: "leadAuditorUserId", message: "is not a member of this organization" });
    const outsiders = input.teamUserIds.filter((id) => !known.has(id));
    if (outsiders.length > 0) errors.push({ field: "teamUserIds", message: `names people who are not members: ${outsiders.join(", ")}` });
  }
  if (input.startDate && input.endDate && input.endDate < input.startDate)
    errors.push({ field: "endDate", message: "must not be before the start date" });
  if (errors.length > 0) throw badRequest(errors.map((e) => `${e.field} ${e.message}`).join("; "), errors);
  const conflicts = await auditConflicts(db, orgId, auditors, input.scope.controls, input.scope.areas);
  if (conflicts.length > 0) {
    const fieldOf = (personId: string) => (personId === input.leadAuditorUserId ? "leadAuditorUserId" : "teamUserIds");
    throw badRequest(
      `auditors must be independent of what they audit: ${conflicts.map((c) => c.message).join("; ")}`,
      conflicts.map((c) => ({ field: fieldOf(c.personId), message: c.message })),
    );
  }
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
    ref: ref("IA", number),
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
  // A document addresses a control when its title names the control's reference or title.
  const documentsFor = (refText: string, title: string) =>
    documents
      .filter((d) => {
        const t = d.title.toLowerCase();
        return t.includes(refText.toLowerCase()) || t.includes(title.toLowerCase());
      })
      .map((d) => ({ id: d.id, identifier: d.identifier, title: d.title }));
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
        documents: c ? documentsFor(c.ref, c.title) : [],
      };
    }),
    areas: [...elements].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
  });
}

// ---- findings

const knownTarget = async (db: Db | WriteContext, orgId: string, target: string) =>
  iso27001Reference().clauses.has(target) || (await unknownControls(db, orgId, [target])).length === 0;

export async function checkFinding(db: Db | WriteContext, orgId: string, input: FindingInput): Promise<void> {
  if (!(await knownTarget(db, orgId, input.target)))
    throw badRequest("the finding must be about a clause or a control", [
      { field: "target", message: `${input.target} is neither a clause number (4–10) nor a control of the organization` },
    ]);
}

export async function presentFindings(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly AuditFindingsTable[],
): Promise<z.input<typeof FindingSchema>[]> {
  if (rows.length === 0) return [];
  const ncs = await reader(db)
    .selectFrom("nonconformities")
    .select(["id", "ref", "status", "finding_id"])
    .where("org_id", "=", orgId)
    .where(
      "finding_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const nc = new Map(ncs.map((n) => [n.finding_id, n]));
  return rows.map((r) => {
    const raised = nc.get(r.id);
    return {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      auditId: r.audit_id,
      ref: r.ref,
      kind: r.kind as "major_nc",
      target: r.target,
      title: r.title,
      description: r.description,
      evidence: r.evidence,
      nonconformity: raised ? { id: raised.id, ref: raised.ref, status: raised.status } : null,
    };
  });
}

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
    ref: ref("F", number),
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
    ctx.trx.selectFrom("audit_findings").selectAll().where("audit_id", "=", audit.id).orderBy("number").execute(),
  ]);
  const content = {
    audit: {
      id: shown.id,
      ref: shown.ref,
      title: shown.title,
      scope: shown.scope,
      criteria: shown.criteria,
      leadAuditor: shown.leadAuditor,
      team: shown.team,
      startDate: shown.startDate,
      endDate: shown.endDate,
      conclusion: shown.conclusion,
    },
    checklist,
    findings: findings.map((f) => ({
      id: f.id,
      ref: f.ref,
      kind: f.kind,
      target: f.target,
      title: f.title,
      description: f.description,
      evidence: f.evidence,
    })),
  };
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

/** What an audit still lacks before it can run. */
export function auditLacks(
  a: Pick<AuditsTable, "lead_auditor_id" | "criteria" | "start_date" | "end_date" | "plan" | "clauses" | "controls" | "areas">,
): string[] {
  const blank = (t: string | null) => t === null || t.trim() === "";
  const scoped = parseList(a.clauses).length + parseList(a.controls).length + parseList(a.areas).length > 0;
  return [
    scoped ? null : "a scope",
    a.lead_auditor_id ? null : "a lead auditor",
    blank(a.criteria) ? "criteria" : null,
    a.start_date && a.end_date ? null : "dates",
    blank(a.plan) ? "an audit plan" : null,
  ].filter((x): x is string => x !== null);
}

export async function loadAuditProgrammeFacts(db: Db, orgId: string): Promise<AuditProgrammeFacts> {
  const programme = await latestProgramme(db, orgId);
  if (!programme) {
    const any = await db.kysely.selectFrom("audits").select("id").where("org_id", "=", orgId).limit(1).execute();
    return { programme: null, unplanned: [], audits: any.map(() => ({ id: "", ref: "", title: "", lacks: [], conflicts: [] })) };
  }
  const [coverage, audits] = await Promise.all([
    programmeCoverage(db, orgId, programme),
    db.kysely.selectFrom("audits").selectAll().where("programme_id", "=", programme.id).orderBy("number").execute(),
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
    audits: audits.map((a) => ({ id: a.id, ref: a.ref, title: a.title, lacks: auditLacks(a), conflicts: byAudit.get(a.id) ?? [] })),
  };
}
