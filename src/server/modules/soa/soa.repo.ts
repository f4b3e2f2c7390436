import type { z } from "zod";
import type { SoaSchema, SoaVersionSchema, TreatmentPlanSchema } from "../../../contracts/soa.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { uuidv7 } from "../../../core/ids.js";
import { presentLevel, remainingLevel } from "../../../core/risk/decisions.js";
import {
  type ControlRisks,
  computeSoa,
  type RequirementLink,
  RISKS_LISTED,
  type RiskLink,
  type SoaEntry,
  type SoaRowFacts,
  soaDecisions,
  summarizeSoa,
} from "../../../core/soa/soa.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { listControls } from "../controls/index.js";
import { implementationByControl } from "../plan/index.js";
import { loadMethods } from "../risk-method/index.js";
import type { SoaEntriesTable } from "../risks/index.js";
import { decisionStates } from "../risks/index.js";

const ENTRY = "SoA entry";

async function requirementLinks(db: Db | WriteContext, orgId: string): Promise<Map<string, RequirementLink>> {
  const k = reader(db);
  const [requirements, obligations] = await Promise.all([
    k.selectFrom("security_requirements").select(["id", "title"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("obligations").select(["id", "title"]).where("org_id", "=", orgId).execute(),
  ]);
  return new Map<string, RequirementLink>([
    ...requirements.map((r): [string, RequirementLink] => [r.id, { id: r.id, title: r.title, kind: "requirement" }]),
    ...obligations.map((o): [string, RequirementLink] => [o.id, { id: o.id, title: o.title, kind: "obligation" }]),
  ]);
}

/**
 * The open risks treated with each control: counts and a fingerprint from the link index alone,
 * then the first few risks of each control. Fifty thousand risks with a hundred thousand links
 * cost two index scans, not a join over all of them.
 */
async function risksByControl(db: Db | WriteContext, orgId: string): Promise<Map<string, ControlRisks>> {
  const k = reader(db);
  const counts = await k
    .selectFrom("risk_controls")
    .select(["control_id"])
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("risk_number").as("s"), eb.fn.max("risk_number").as("m")])
    .where("org_id", "=", orgId)
    .where("risk_open", "=", 1)
    .groupBy("control_id")
    .execute();
  const firsts = await Promise.all(
    counts.map((c) =>
      k
        .selectFrom("risk_controls as c")
        .innerJoin("risks as r", "r.id", "c.risk_id")
        .select(["r.id", "r.ref", "r.title"])
        .where("c.org_id", "=", orgId)
        .where("c.risk_open", "=", 1)
        .where("c.control_id", "=", c.control_id)
        .orderBy("c.risk_number")
        .limit(RISKS_LISTED)
        .execute(),
    ),
  );
  return new Map(
    counts.map((c, i): [string, ControlRisks] => [
      c.control_id,
      { count: Number(c.n), first: firsts[i] as RiskLink[], fingerprint: `${Number(c.n)}:${Number(c.s)}:${Number(c.m)}` },
    ]),
  );
}

/** The SoA rows as they stand now, with the hash of the decisions an issued version is bound to. */
export async function computeCurrentSoa(db: Db | WriteContext, orgId: string): Promise<{ rows: SoaRowFacts[]; hash: string }> {
  const k = reader(db);
  const [controls, entries, linked, requirements, fromTasks] = await Promise.all([
    listControls(db, orgId),
    k.selectFrom("soa_entries").selectAll().where("org_id", "=", orgId).execute(),
    risksByControl(db, orgId),
    requirementLinks(db, orgId),
    implementationByControl(db, orgId),
  ]);
  const rows = computeSoa({
    controls,
    entries: new Map(
      entries.map((e): [string, SoaEntry] => [
        e.control_id,
        {
          decision: e.decision as SoaEntry["decision"],
          justification: e.justification,
          implementation: e.implementation as SoaEntry["implementation"],
          owner: e.owner,
          requirementIds: JSON.parse(e.requirement_ids) as string[],
          version: e.version,
        },
      ]),
    ),
    risksByControl: linked,
    requirements,
    implementationFromTasks: fromTasks,
  });
  return { rows, hash: sha256(canonicalJson(soaDecisions(rows))) };
}

async function latestVersion(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("soa_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function readSoa(db: Db, orgId: string): Promise<z.infer<typeof SoaSchema>> {
  const [{ rows, hash }, issued] = await Promise.all([computeCurrentSoa(db, orgId), latestVersion(db, orgId)]);
  return {
    rows,
    summary: summarizeSoa(rows),
    hash,
    issued: issued ? { number: issued.number, hash: issued.hash, createdAt: issued.created_at, matches: issued.hash === hash } : null,
  };
}

export interface EntryInput {
  decision: "include" | "exclude" | null;
  justification: string | null;
  implementation: string;
  owner: string | null;
  requirementIds: string[];
  version: number;
}

/** Records the decision and details of one control; an exclusion needs its justification. */
/** What an entry is checked against: the organization's controls and requirements, read once for many entries. */
interface EntryContext {
  controls: Set<string>;
  requirements: Map<string, RequirementLink>;
}

export async function entryContext(ctx: WriteContext, orgId: string): Promise<EntryContext> {
  const [controls, requirements] = await Promise.all([listControls(ctx, orgId), requirementLinks(ctx, orgId)]);
  return { controls: new Set(controls.map((c) => c.id)), requirements };
}

export async function writeEntry(
  ctx: WriteContext,
  orgId: string,
  controlId: string,
  input: EntryInput,
  known?: EntryContext,
): Promise<void> {
  const { controls, requirements } = known ?? (await entryContext(ctx, orgId));
  if (!controls.has(controlId)) throw notFound("control");
  const errors: { field: string; message: string }[] = [];
  if (input.decision === "exclude" && !input.justification)
    errors.push({ field: "justification", message: "is required to exclude a control: say why it is not needed" });
  input.requirementIds.forEach((id, i) => {
    if (!requirements.has(id))
      errors.push({ field: `requirementIds.${i}`, message: "is not a requirement or obligation of this organization" });
  });
  const derived = (await implementationByControl(ctx, orgId)).get(controlId);
  if (derived !== undefined && input.implementation !== derived)
    errors.push({
      field: "implementation",
      message: `follows from the control's implementation tasks (${derived}): change the tasks, not the SoA`,
    });
  if (errors.length > 0)
    throw badRequest(`the SoA entry cannot be saved: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
  if (input.decision === "exclude") {
    const users = await ctx.trx
      .selectFrom("risk_controls as c")
      .innerJoin("risks as r", "r.id", "c.risk_id")
      .select("r.ref")
      .where("c.org_id", "=", orgId)
      .where("c.risk_open", "=", 1)
      .where("c.control_id", "=", controlId)
      .orderBy("c.risk_number")
      .limit(6)
      .execute();
    if (users.length > 0)
      throw conflict(
        `${controlId} cannot be excluded: the treatment of ${users
          .slice(0, 5)
          .map((u) => u.ref)
          .join(", ")}${users.length > 5 ? " and more" : ""} uses it`,
      );
  }
  const existing = await ctx.trx
    .selectFrom("soa_entries")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("control_id", "=", controlId)
    .executeTakeFirst();
  const values = {
    decision: input.decision,
    justification: input.justification,
    implementation: input.implementation,
    owner: input.owner,
    requirement_ids: JSON.stringify([...new Set(input.requirementIds)]),
  };
  if ((existing?.version ?? 0) !== input.version)
    throw conflict(
      `the SoA entry of ${controlId} was changed by someone else (you sent version ${input.version}, it is now at ${existing?.version ?? 0}); reload and try again`,
      existing ? entryAsInput(existing) : undefined,
    );
  if (existing) {
    await updateAudited(ctx, "soa_entries", existing.id, values, { orgId, entityType: ENTRY, expectedVersion: input.version });
    return;
  }
  const row: SoaEntriesTable = {
    id: uuidv7(),
    org_id: orgId,
    control_id: controlId,
    ...values,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "soa_entries", row, { orgId, entityType: ENTRY });
}

const entryAsInput = (entry: SoaEntriesTable | undefined) => ({
  decision: entry?.decision ?? null,
  justification: entry?.justification ?? null,
  implementation: entry?.implementation ?? "not_started",
  owner: entry?.owner ?? null,
  requirementIds: entry ? (JSON.parse(entry.requirement_ids) as string[]) : [],
  version: entry?.version ?? 0,
});

/** A control's entry as the update routes take it; a control nothing was recorded for has the defaults and version 0. */
export async function readEntryInput(db: Db, orgId: string, controlId: string) {
  if (!(await listControls(db, orgId)).some((c) => c.id === controlId)) throw notFound("control");
  const entry = await db.kysely
    .selectFrom("soa_entries")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("control_id", "=", controlId)
    .executeTakeFirst();
  return entryAsInput(entry);
}

/**
 * One decision for several controls at once (e.g. include every control still undecided, with
 * the same note); each keeps its other details. All or nothing: one refusal changes nothing.
 */
export async function writeEntries(
  ctx: WriteContext,
  orgId: string,
  controlIds: string[],
  decision: { decision: "include" | "exclude"; justification: string },
): Promise<number> {
  const known = await entryContext(ctx, orgId);
  for (const controlId of new Set(controlIds)) {
    const existing = await ctx.trx
      .selectFrom("soa_entries")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("control_id", "=", controlId)
      .executeTakeFirst();
    await writeEntry(
      ctx,
      orgId,
      controlId,
      {
        decision: decision.decision,
        justification: decision.justification,
        implementation: existing?.implementation ?? "not_started",
        owner: existing?.owner ?? null,
        requirementIds: existing ? (JSON.parse(existing.requirement_ids) as string[]) : [],
        version: existing?.version ?? 0,
      },
      known,
    );
  }
  return new Set(controlIds).size;
}

// --- issued versions ---------------------------------------------------------------------------

const presentVersion = (r: {
  id: string;
  number: number;
  hash: string;
  note: string | null;
  issued_by_label: string;
  created_at: string;
}): z.infer<typeof SoaVersionSchema> => ({
  id: r.id,
  number: r.number,
  hash: r.hash,
  note: r.note,
  issuedBy: r.issued_by_label,
  createdAt: r.created_at,
});

export async function listVersions(db: Db, orgId: string) {
  const rows = await db.kysely.selectFrom("soa_versions").selectAll().where("org_id", "=", orgId).orderBy("number", "desc").execute();
  return { items: rows.map(presentVersion) };
}

export async function readVersion(db: Db, orgId: string, number: number) {
  const row = await db.kysely
    .selectFrom("soa_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!row) throw notFound(`SoA version ${number}`);
  return { ...presentVersion(row), rows: JSON.parse(row.snapshot) as SoaRowFacts[] };
}

/** Freezes the SoA as it stands, for the G3 authorization; refused while a control is undecided or contradicted. */
export async function issueVersion(ctx: WriteContext, orgId: string, note: string | null, issuedBy: string) {
  const number = await nextNumber(ctx, "soa_versions", orgId);
  const { rows, hash } = await computeCurrentSoa(ctx, orgId);
  const troubled = rows.filter((r) => r.problems.length > 0);
  if (troubled.length > 0)
    throw conflict(
      `the SoA cannot be issued while ${troubled.length} control(s) need attention: ${troubled
        .slice(0, 10)
        .map((r) => `${r.control.ref} (${r.problems[0]})`)
        .join("; ")}${troubled.length > 10 ? "; …" : ""}`,
    );
  const latest = await latestVersion(ctx, orgId);
  if (latest?.hash === hash) throw conflict(`the SoA has not changed since version ${latest.number}`);
  const row = {
    id: uuidv7(),
    org_id: orgId,
    number,
    snapshot: JSON.stringify(rows),
    hash,
    note,
    issued_by_label: issuedBy,
    created_at: ctx.now,
  };
  await insertAudited(ctx, "soa_versions", row, { orgId, entityType: "SoA version", action: "SoA version.issued" });
  return presentVersion(row);
}

// --- the risk treatment plan (8.3) ---------------------------------------------------------------

export async function treatmentPlan(db: Db, orgId: string): Promise<z.infer<typeof TreatmentPlanSchema>> {
  const [states, methods, controls] = await Promise.all([decisionStates(db, orgId), loadMethods(db, orgId), listControls(db, orgId)]);
  const byId = new Map(controls.map((c) => [c.id, c]));
  const levelOf = (methodId: string | null, level: number | null) =>
    level === null || methodId === null ? null : (methods.byId.get(methodId)?.method.levels[level] ?? null);
  return {
    rows: states
      .filter((s) => s.risk.status === "open" && s.risk.treatment !== null)
      .sort((a, b) => a.risk.number - b.risk.number)
      .map((s) => ({
        risk: { id: s.risk.id, ref: s.risk.ref, title: s.risk.title },
        treatment: s.risk.treatment as string,
        plan: s.risk.treatment_plan,
        controls: s.controlIds.map((id) => ({ id, ref: byId.get(id)?.ref ?? id, title: byId.get(id)?.title ?? "(unknown control)" })),
        owner: s.risk.treatment_owner ?? s.owner,
        due: s.risk.treatment_due,
        currentLevel: levelOf(s.risk.method_id, presentLevel(s.snapshot))?.name ?? null,
        currentLevelColour: levelOf(s.risk.method_id, presentLevel(s.snapshot))?.colour ?? null,
        expectedResidualLevel: levelOf(s.risk.method_id, remainingLevel(s.snapshot))?.name ?? null,
        expectedResidualColour: levelOf(s.risk.method_id, remainingLevel(s.snapshot))?.colour ?? null,
        approval: s.treatment.state === "valid" ? "valid" : s.treatment.state === "none" ? "none" : "stale",
      })),
  };
}
