import type { RiskMethodVersion } from "../../../contracts/risk-method.js";
import { uuidv7 } from "../../../core/ids.js";
import { DEFAULT_RISK_METHOD, methodProblems, methodWarnings, type RiskMethod } from "../../../core/risk/method.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";

export interface RiskMethodsTable {
  id: string;
  org_id: string;
  number: number;
  status: string;
  /** JSON: RiskMethod. */
  definition: string;
  note: string | null;
  approved_by: string | null;
  approved_by_label: string | null;
  approved_at: string | null;
  approval_comment: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module "../../db/schema.js" {
  interface Database {
    risk_methods: RiskMethodsTable;
  }
  interface AuditedTables {
    risk_methods: true;
  }
}

const ENTITY = "risk method";

export interface MethodInForce {
  id: string;
  number: number;
  approved: boolean;
  method: RiskMethod;
}

export const parseMethod = (row: Pick<RiskMethodsTable, "definition">): RiskMethod => JSON.parse(row.definition) as RiskMethod;

export async function methodVersions(db: Db | WriteContext, orgId: string): Promise<RiskMethodsTable[]> {
  return reader(db).selectFrom("risk_methods").selectAll().where("org_id", "=", orgId).orderBy("number", "desc").execute();
}

/** The latest approved version; while none is approved, the draft, so risks can be scored meanwhile. */
export function inForceRow(rows: readonly RiskMethodsTable[]): RiskMethodsTable | null {
  return rows.find((r) => r.status === "approved") ?? rows.find((r) => r.status === "draft") ?? null;
}

export async function methodInForce(db: Db | WriteContext, orgId: string): Promise<MethodInForce | null> {
  const row = inForceRow(await methodVersions(db, orgId));
  return row ? { id: row.id, number: row.number, approved: row.status === "approved", method: parseMethod(row) } : null;
}

/** Every method version an organization's risks may refer to, by id, and the one in force. */
export interface Methods {
  byId: Map<string, { number: number; method: RiskMethod }>;
  inForce: MethodInForce | null;
}

export async function loadMethods(db: Db | WriteContext, orgId: string): Promise<Methods> {
  const rows = await methodVersions(db, orgId);
  const row = inForceRow(rows);
  return {
    byId: new Map(rows.map((r) => [r.id, { number: r.number, method: parseMethod(r) }])),
    inForce: row ? { id: row.id, number: row.number, approved: row.status === "approved", method: parseMethod(row) } : null,
  };
}

async function scoredCounts(db: Db | WriteContext, orgId: string): Promise<Map<string, number>> {
  const rows = await reader(db)
    .selectFrom("risks")
    .select(["method_id"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("method_id", "is not", null)
    .groupBy("method_id")
    .execute();
  return new Map(rows.map((r) => [r.method_id as string, Number(r.n)]));
}

export function presentMethod(row: RiskMethodsTable, risksScored: number): RiskMethodVersion {
  const definition = parseMethod(row);
  return {
    id: row.id,
    number: row.number,
    status: row.status as RiskMethodVersion["status"],
    definition,
    note: row.note,
    warnings: methodWarnings(definition),
    approvedBy: row.approved_by_label,
    approvedAt: row.approved_at,
    approvalComment: row.approval_comment,
    risksScored,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function methodOverview(db: Db, orgId: string) {
  const [rows, counts] = await Promise.all([methodVersions(db, orgId), scoredCounts(db, orgId)]);
  const inForce = inForceRow(rows);
  const draft = rows.find((r) => r.status === "draft") ?? null;
  const present = (r: RiskMethodsTable | null) => (r ? presentMethod(r, counts.get(r.id) ?? 0) : null);
  return {
    inForce: present(inForce),
    approved: inForce?.status === "approved",
    draft: present(draft),
    versions: rows.map((r) => ({ id: r.id, number: r.number, status: r.status as RiskMethodVersion["status"], approvedAt: r.approved_at })),
    defaults: DEFAULT_RISK_METHOD,
  };
}

export async function readMethodVersion(db: Db | WriteContext, orgId: string, methodId: string): Promise<RiskMethodVersion> {
  const row = await reader(db)
    .selectFrom("risk_methods")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", methodId)
    .executeTakeFirst();
  if (!row) throw notFound("risk method version");
  return presentMethod(row, (await scoredCounts(db, orgId)).get(row.id) ?? 0);
}

function refuseInvalid(method: RiskMethod): void {
  const problems = methodProblems(method);
  if (problems.length > 0)
    throw badRequest(
      `the risk method is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      // grid[2][4] becomes definition.grid.2.4: one spelling with request validation's paths.
      problems.map((p) => ({ field: `definition.${p.path.replace(/\[(\d+)\]/g, ".$1")}`, message: p.message })),
    );
}

/** Starts a new draft version: from the given definition, else a copy of the version in force, else the shipped default. */
export async function createDraft(ctx: WriteContext, orgId: string, definition: RiskMethod | undefined, note: string | null) {
  const number = await nextNumber(ctx, "risk_methods", orgId);
  const rows = await methodVersions(ctx, orgId);
  const existing = rows.find((r) => r.status === "draft");
  if (existing) throw conflict(`version ${existing.number} is already a draft; change it or approve it first`);
  const method = definition ?? (inForceRow(rows) ? parseMethod(inForceRow(rows) as RiskMethodsTable) : DEFAULT_RISK_METHOD);
  refuseInvalid(method);
  const row: RiskMethodsTable = {
    id: uuidv7(),
    org_id: orgId,
    number,
    status: "draft",
    definition: JSON.stringify(method),
    note,
    approved_by: null,
    approved_by_label: null,
    approved_at: null,
    approval_comment: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "risk_methods", row, { orgId, entityType: ENTITY });
  return row;
}

/** The method risks are scored with now; the shipped default becomes draft 1 when there is none yet. */
export async function methodForScoring(ctx: WriteContext, orgId: string): Promise<MethodInForce> {
  const inForce = await methodInForce(ctx, orgId);
  if (inForce) return inForce;
  const row = await createDraft(ctx, orgId, undefined, "Started from the shipped 5 × 5 method when the first risk was scored.");
  return { id: row.id, number: row.number, approved: false, method: parseMethod(row) };
}

/** A draft changes until it scores a risk or is approved: after that its numbers mean something. */
export async function updateDraft(
  ctx: WriteContext,
  orgId: string,
  methodId: string,
  method: RiskMethod,
  note: string | null,
  version: number,
) {
  const row = await ctx.trx
    .selectFrom("risk_methods")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", methodId)
    .executeTakeFirst();
  if (!row) throw notFound("risk method version");
  if (row.status !== "draft") throw conflict(`version ${row.number} is ${row.status} and cannot change; start a new version`);
  const scored = (await scoredCounts(ctx, orgId)).get(row.id) ?? 0;
  if (scored > 0)
    throw conflict(
      `version ${row.number} has scored ${scored} risk(s); changing it would change what their scores mean. Approve it, then start a new version`,
    );
  refuseInvalid(method);
  await updateAudited(
    ctx,
    "risk_methods",
    methodId,
    { definition: JSON.stringify(method), note },
    { orgId, entityType: ENTITY, expectedVersion: version, scope: { org_id: orgId } },
  );
  return readMethodVersion(ctx, orgId, methodId);
}

export async function approveMethod(
  ctx: WriteContext,
  orgId: string,
  methodId: string,
  approver: { id: string; label: string },
  comment: string | null,
) {
  const rows = await methodVersions(ctx, orgId);
  const row = rows.find((r) => r.id === methodId);
  if (!row) throw notFound("risk method version");
  if (row.status !== "draft") throw conflict(`version ${row.number} is ${row.status}; only a draft can be approved`);
  refuseInvalid(parseMethod(row));
  for (const previous of rows.filter((r) => r.status === "approved"))
    await updateAudited(
      ctx,
      "risk_methods",
      previous.id,
      { status: "superseded" },
      { orgId, entityType: ENTITY, action: "risk method.superseded" },
    );
  await updateAudited(
    ctx,
    "risk_methods",
    methodId,
    { status: "approved", approved_by: approver.id, approved_by_label: approver.label, approved_at: ctx.now, approval_comment: comment },
    { orgId, entityType: ENTITY, action: "risk method.approved" },
  );
  return readMethodVersion(ctx, orgId, methodId);
}
