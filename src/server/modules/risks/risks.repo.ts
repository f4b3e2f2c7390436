import type { QuantSpec, Risk, RiskInput } from "../../../contracts/risks.js";
import { PRIMARY_ASSET_KINDS } from "../../../core/assets/inventory.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { uuidv7 } from "../../../core/ids.js";
import { type RiskSnapshot, riskSnapshot } from "../../../core/risk/decisions.js";
import { DEFAULT_RISK_METHOD, isValidScore, type RiskMethod, riskLevel } from "../../../core/risk/method.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import { containsText } from "../../db/text-search.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { unknownControls } from "../controls/index.js";
import { isMember, readOrgSettings } from "../orgs/index.js";
import { loadMethods, type Methods, methodForScoring } from "../risk-method/index.js";
import type { RisksTable } from "./risks.tables.js";

export const RISK = "risk";
const CASES = ["inherent", "current", "residual"] as const;
type Case = (typeof CASES)[number];

export const today = () => new Date().toISOString().slice(0, 10);

/** A risk row with the names the register shows beside it. */
export type RiskRow = RisksTable & {
  asset_name: string | null;
  asset_kind: string | null;
  threat_title: string | null;
  vulnerability_title: string | null;
  owner_name: string | null;
};

export function riskQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("risks as r")
    .leftJoin("assets as a", "a.id", "r.asset_id")
    .leftJoin("threats as t", "t.id", "r.threat_id")
    .leftJoin("vulnerabilities as v", "v.id", "r.vulnerability_id")
    .leftJoin("users as u", "u.id", "r.owner_user_id")
    .selectAll("r")
    .select([
      "a.name as asset_name",
      "a.kind as asset_kind",
      "t.title as threat_title",
      "v.title as vulnerability_title",
      "u.display_name as owner_name",
    ])
    .where("r.org_id", "=", orgId);
}

export async function findRisk(db: Db | WriteContext, orgId: string, id: string): Promise<RiskRow> {
  const row = await riskQuery(db, orgId).where("r.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(RISK);
  return row;
}

function score(row: RisksTable, c: Case, method: RiskMethod | null) {
  const likelihood = row[`${c}_likelihood`];
  const impact = row[`${c}_impact`];
  const level = row[`${c}_level`];
  if (likelihood === null || impact === null || level === null) return null;
  const def = method?.levels[level];
  return {
    likelihood,
    impact,
    likelihoodName: method?.likelihood[likelihood - 1]?.name ?? null,
    impactName: method?.impact[impact - 1]?.name ?? null,
    level,
    levelName: def?.name ?? null,
    colour: def?.colour ?? null,
    rationale: row[`${c}_rationale`],
  };
}

export interface Links {
  controls: Map<string, string[]>;
  affected: Map<string, { id: string; name: string; kind: string }[]>;
}

/**
 * The controls and affected assets of a page of risks, in two queries. They are sorted here:
 * an ORDER BY would tempt the planner to walk a whole index in that order instead of looking
 * up the page's risks.
 */
export async function riskLinks(db: Db | WriteContext, riskIds: string[]): Promise<Links> {
  const controls = new Map<string, string[]>();
  const affected = new Map<string, { id: string; name: string; kind: string }[]>();
  if (riskIds.length === 0) return { controls, affected };
  const [c, a] = await Promise.all([
    // The risk ids come from this organization's risks; filtering on org_id as well would lead
    // SQLite to the (org_id, control_id) index and a walk over every link of the organization.
    reader(db).selectFrom("risk_controls").select(["risk_id", "control_id"]).where("risk_id", "in", riskIds).execute(),
    reader(db)
      .selectFrom("risk_affected_assets as x")
      .innerJoin("assets as a", "a.id", "x.asset_id")
      .select(["x.risk_id", "a.id", "a.name", "a.kind"])
      .where("x.risk_id", "in", riskIds)
      .execute(),
  ]);
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const r of c) push(controls, r.risk_id, r.control_id);
  for (const r of a) push(affected, r.risk_id, { id: r.id, name: r.name, kind: r.kind });
  for (const list of controls.values()) list.sort();
  for (const list of affected.values()) list.sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
  return { controls, affected };
}

export function presentRisk(row: RiskRow, links: Links, methods: Methods, now = today()): Risk {
  const method = row.method_id ? (methods.byId.get(row.method_id) ?? null) : null;
  const inForceId = methods.inForce?.id ?? null;
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind as Risk["kind"],
    title: row.title,
    description: row.description,
    asset: row.asset_id && row.asset_name ? { id: row.asset_id, name: row.asset_name, kind: row.asset_kind as never } : null,
    threat: row.threat_id && row.threat_title ? { id: row.threat_id, title: row.threat_title } : null,
    vulnerability: row.vulnerability_id && row.vulnerability_title ? { id: row.vulnerability_id, title: row.vulnerability_title } : null,
    consequence: row.consequence,
    riskSource: row.risk_source,
    event: row.event,
    affectedAssets: (links.affected.get(row.id) ?? []).map((a) => ({ ...a, kind: a.kind as never })),
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? "unknown user" } : null,
    methodId: row.method_id,
    methodNumber: method?.number ?? null,
    rescoreNeeded: row.method_id !== null && inForceId !== null && row.method_id !== inForceId,
    inherent: score(row, "inherent", method?.method ?? null),
    current: score(row, "current", method?.method ?? null),
    residual: score(row, "residual", method?.method ?? null),
    treatment: row.treatment as Risk["treatment"],
    treatmentPlan: row.treatment_plan,
    treatmentOwner: row.treatment_owner,
    treatmentDue: row.treatment_due,
    controlIds: links.controls.get(row.id) ?? [],
    reviewDate: row.review_date,
    reviewOverdue: row.status === "open" && row.review_date !== null && row.review_date < now,
    status: row.status as Risk["status"],
    quantified: row.quant !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What decisions freeze and compare against, for one stored risk. */
export function snapshotOf(row: RisksTable, controlIds: string[]): { snapshot: RiskSnapshot; hash: string } {
  const snapshot = snapshotFacts(row, controlIds);
  return { snapshot, hash: snapshotHash(snapshot) };
}

export const snapshotHash = (snapshot: RiskSnapshot): string => sha256(canonicalJson(snapshot));

export function snapshotFacts(row: RisksTable, controlIds: string[]): RiskSnapshot {
  const facts = (c: Case) => {
    const l = row[`${c}_likelihood`];
    const i = row[`${c}_impact`];
    const level = row[`${c}_level`];
    return l === null || i === null || level === null ? null : { likelihood: l, impact: i, level };
  };
  return riskSnapshot({
    methodId: row.method_id,
    ownerUserId: row.owner_user_id,
    inherent: facts("inherent"),
    current: facts("current"),
    residual: facts("residual"),
    treatment: row.treatment,
    treatmentPlan: row.treatment_plan,
    controlIds,
  });
}

// --- listing ------------------------------------------------------------------------------------

export interface RiskFilter {
  q?: string | undefined;
  kind?: string | undefined;
  owner?: string | undefined;
  assetId?: string | undefined;
  treatment?: string | undefined;
  status?: string | undefined;
  levelOf: Case;
  level?: number | undefined;
  minLevel?: number | undefined;
  likelihood?: number | undefined;
  impact?: number | undefined;
  overdue?: boolean | undefined;
}

const SORTS = {
  ref: { column: "r.number", field: "number", idColumn: "r.id" },
  title: { column: "r.title_folded", field: "title_folded", idColumn: "r.id" },
  inherentLevel: { column: "r.inherent_level", field: "inherent_level", idColumn: "r.id" },
  residualLevel: { column: "r.residual_level", field: "residual_level", idColumn: "r.id" },
  reviewDate: { column: "r.review_date", field: "review_date", idColumn: "r.id" },
} as const;
export type RiskSort = keyof typeof SORTS;

export async function listRisks(db: Db, orgId: string, filter: RiskFilter, page: ListParams<RiskSort>): Promise<Page<Risk>> {
  let query = riskQuery(db, orgId);
  if (filter.q) query = query.where(containsText("r.title_folded", filter.q, "folded"));
  if (filter.kind) query = query.where("r.kind", "=", filter.kind);
  if (filter.owner) query = query.where("r.owner_user_id", "=", filter.owner);
  if (filter.assetId) {
    const assetId = filter.assetId;
    // A union of two index lookups; an OR across them would make the planner scan the register.
    query = query.where("r.id", "in", (eb) =>
      eb
        .selectFrom("risks")
        .select("id")
        .where("asset_id", "=", assetId)
        .union(eb.selectFrom("risk_affected_assets").select("risk_id as id").where("asset_id", "=", assetId)),
    );
  }
  if (filter.treatment) query = query.where("r.treatment", "=", filter.treatment);
  if (filter.status) query = query.where("r.status", "=", filter.status);
  const levelColumn = `r.${filter.levelOf}_level` as const;
  if (filter.level !== undefined) query = query.where(levelColumn, "=", filter.level);
  if (filter.minLevel !== undefined) query = query.where(levelColumn, ">=", filter.minLevel);
  if (filter.likelihood !== undefined) query = query.where(`r.${filter.levelOf}_likelihood`, "=", filter.likelihood);
  if (filter.impact !== undefined) query = query.where(`r.${filter.levelOf}_impact`, "=", filter.impact);
  if (filter.overdue) query = query.where("r.status", "=", "open").where("r.review_date", "<", today());
  // A null sort value cannot be walked by a keyset cursor; unscored risks sort as level -1.
  const sort = SORTS[page.sort];
  if (page.sort === "inherentLevel" || page.sort === "residualLevel" || page.sort === "reviewDate")
    query = query.where(sort.column, "is not", null);
  const [rows, methods] = await Promise.all([paginate(query, sort, page, (r) => r), loadMethods(db, orgId)]);
  const links = await riskLinks(
    db,
    rows.items.map((r) => r.id),
  );
  return { items: rows.items.map((r) => presentRisk(r, links, methods)), nextCursor: rows.nextCursor };
}

// --- writing ------------------------------------------------------------------------------------

type FieldError = { field: string; message: string };

/** Every reason the input cannot be stored, checked against the organization's records and the method. */
async function inputProblems(ctx: WriteContext, orgId: string, input: RiskInput, method: RiskMethod): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const k = ctx.trx;
  if (input.kind === "asset") {
    if (!input.assetId) errors.push({ field: "assetId", message: "is required for an asset-based risk" });
    if (!input.threatId) errors.push({ field: "threatId", message: "is required for an asset-based risk" });
    if (input.affectedAssetIds.length > 0) errors.push({ field: "affectedAssetIds", message: "applies to scenario risks only" });
  } else {
    if (!input.event) errors.push({ field: "event", message: "is required for a scenario risk: say what happens" });
    if (input.affectedAssetIds.length === 0)
      errors.push({ field: "affectedAssetIds", message: "must name at least one business process or information affected" });
    if (input.assetId) errors.push({ field: "assetId", message: "applies to asset-based risks; list affected assets in affectedAssetIds" });
  }
  if (input.assetId) {
    const found = await k.selectFrom("assets").select("id").where("org_id", "=", orgId).where("id", "=", input.assetId).executeTakeFirst();
    if (!found) errors.push({ field: "assetId", message: "is not an asset of this organization" });
  }
  if (input.affectedAssetIds.length > 0) {
    const ids = [...new Set(input.affectedAssetIds)];
    const found = await k.selectFrom("assets").select(["id", "kind"]).where("org_id", "=", orgId).where("id", "in", ids).execute();
    const kinds = new Map(found.map((a) => [a.id, a.kind]));
    input.affectedAssetIds.forEach((id, i) => {
      const kind = kinds.get(id);
      if (kind === undefined) errors.push({ field: `affectedAssetIds.${i}`, message: "is not an asset of this organization" });
      else if (!(PRIMARY_ASSET_KINDS as readonly string[]).includes(kind))
        errors.push({ field: `affectedAssetIds.${i}`, message: "must be a primary asset (a business process or information)" });
    });
  }
  for (const [field, table, id] of [
    ["threatId", "threats", input.threatId],
    ["vulnerabilityId", "vulnerabilities", input.vulnerabilityId],
  ] as const) {
    if (!id) continue;
    const found = await k.selectFrom(table).select("id").where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
    if (!found) errors.push({ field, message: `is not in this organization's ${table} catalog` });
  }
  if (input.ownerUserId) {
    if (!(await isMember(ctx, orgId, input.ownerUserId)))
      errors.push({ field: "ownerUserId", message: "is not a member of this organization" });
  }
  for (const c of CASES) {
    const s = input[c];
    if (!s) continue;
    if (!isValidScore(method, "likelihood", s.likelihood))
      errors.push({ field: `${c}.likelihood`, message: `must be between 1 and ${method.likelihood.length} on the method's scale` });
    if (!isValidScore(method, "impact", s.impact))
      errors.push({ field: `${c}.impact`, message: `must be between 1 and ${method.impact.length} on the method's scale` });
  }
  if (input.controlIds.length > 0 && input.treatment !== "modify")
    errors.push({ field: "controlIds", message: "controls are chosen only when the treatment is modify" });
  const unknown = await unknownControls(ctx, orgId, input.controlIds);
  for (const id of unknown) errors.push({ field: `controlIds.${input.controlIds.indexOf(id)}`, message: `"${id}" is not a known control` });
  if (new Set(input.controlIds).size !== input.controlIds.length) errors.push({ field: "controlIds", message: "lists a control twice" });
  return errors;
}

function columns(input: RiskInput, method: { id: string; method: RiskMethod } | null): Partial<RisksTable> {
  const scoreColumns = (c: Case) => {
    const s = input[c];
    return {
      [`${c}_likelihood`]: s?.likelihood ?? null,
      [`${c}_impact`]: s?.impact ?? null,
      [`${c}_level`]: s && method ? riskLevel(method.method, s.likelihood, s.impact) : null,
      [`${c}_rationale`]: s?.rationale ?? null,
    };
  };
  return {
    kind: input.kind,
    title: input.title,
    title_folded: input.title.toLowerCase(),
    description: input.description,
    asset_id: input.assetId,
    threat_id: input.threatId,
    vulnerability_id: input.vulnerabilityId,
    consequence: input.consequence,
    risk_source: input.riskSource,
    event: input.event,
    owner_user_id: input.ownerUserId,
    ...scoreColumns("inherent"),
    ...scoreColumns("current"),
    ...scoreColumns("residual"),
    treatment: input.treatment,
    treatment_plan: input.treatmentPlan,
    treatment_owner: input.treatmentOwner,
    treatment_due: input.treatmentDue,
    review_date: input.reviewDate,
    status: input.status,
    quant: input.quant ? JSON.stringify(input.quant satisfies QuantSpec) : null,
  } as Partial<RisksTable>;
}

const hasScores = (input: RiskInput) => CASES.some((c) => input[c] !== null);

async function writeLinks(ctx: WriteContext, orgId: string, risk: { id: string; number: number }, input: RiskInput): Promise<void> {
  const k = ctx.trx;
  const riskId = risk.id;
  const riskOpen = input.status === "open" ? 1 : 0;
  await k
    .updateTable("risk_controls")
    .set({ risk_open: riskOpen })
    .where("risk_id", "=", riskId)
    .where("risk_open", "!=", riskOpen)
    .execute();
  const [controls, affected] = await Promise.all([
    k.selectFrom("risk_controls").select(["id", "control_id"]).where("risk_id", "=", riskId).execute(),
    k.selectFrom("risk_affected_assets").select(["id", "asset_id"]).where("risk_id", "=", riskId).execute(),
  ]);
  const wantedControls = new Set(input.controlIds);
  for (const c of controls.filter((c) => !wantedControls.has(c.control_id)))
    await deleteAudited(ctx, "risk_controls", c.id, { orgId, entityType: "risk control" });
  const haveControls = new Set(controls.map((c) => c.control_id));
  for (const controlId of input.controlIds.filter((id) => !haveControls.has(id)))
    await insertAudited(
      ctx,
      "risk_controls",
      {
        id: uuidv7(),
        org_id: orgId,
        risk_id: riskId,
        control_id: controlId,
        risk_number: risk.number,
        risk_open: riskOpen,
        created_at: ctx.now,
      },
      { orgId, entityType: "risk control" },
    );
  const wantedAssets = new Set(input.affectedAssetIds);
  for (const a of affected.filter((a) => !wantedAssets.has(a.asset_id)))
    await deleteAudited(ctx, "risk_affected_assets", a.id, { orgId, entityType: "risk affected asset" });
  const haveAssets = new Set(affected.map((a) => a.asset_id));
  for (const assetId of [...wantedAssets].filter((id) => !haveAssets.has(id)))
    await insertAudited(
      ctx,
      "risk_affected_assets",
      { id: uuidv7(), org_id: orgId, risk_id: riskId, asset_id: assetId, created_at: ctx.now },
      { orgId, entityType: "risk affected asset" },
    );
}

/** Validation against the method the scores will be read with; refuses with every problem at once. */
async function validated(ctx: WriteContext, orgId: string, input: RiskInput, method: RiskMethod) {
  const errors = await inputProblems(ctx, orgId, input, method);
  if (errors.length > 0) throw badRequest(`the risk cannot be saved: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}

/** Estimates without a currency are in the organization's: stored with it, so a later change of that currency leaves them as they are. */
async function withQuantCurrency(ctx: WriteContext, orgId: string, input: RiskInput): Promise<RiskInput> {
  if (!input.quant || input.quant.currency) return input;
  return { ...input, quant: { ...input.quant, currency: (await readOrgSettings(ctx, orgId)).currency } };
}

export async function createRisk(ctx: WriteContext, orgId: string, given: RiskInput): Promise<string> {
  // First, before any other write: concurrent creates queue here, so the second sees the method
  // draft the first may start, and every lock is taken in the same order (see nextNumber).
  const number = await nextNumber(ctx, "risks", orgId);
  const input = await withQuantCurrency(ctx, orgId, given);
  const method = hasScores(input) ? await methodForScoring(ctx, orgId) : null;
  await validated(ctx, orgId, input, method?.method ?? (await methodOrDefault(ctx, orgId)));
  const row = {
    id: uuidv7(),
    org_id: orgId,
    number,
    ref: `R-${String(number).padStart(4, "0")}`,
    method_id: method?.id ?? null,
    ...columns(input, method),
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  } as RisksTable;
  await insertAudited(ctx, "risks", row, { orgId, entityType: RISK });
  await writeLinks(ctx, orgId, row, input);
  return row.id;
}

async function methodOrDefault(ctx: WriteContext, orgId: string): Promise<RiskMethod> {
  return (await loadMethods(ctx, orgId)).inForce?.method ?? DEFAULT_RISK_METHOD;
}

const sameScores = (before: RisksTable, input: RiskInput) =>
  CASES.every((c) => {
    const s = input[c];
    return (s?.likelihood ?? null) === before[`${c}_likelihood`] && (s?.impact ?? null) === before[`${c}_impact`];
  });

/**
 * Scores are read with the method that gave them. Re-entering them (changed numbers, or
 * `rescore`) reads them with the method in force; otherwise the risk keeps its method version
 * and its levels, and shows "re-score needed" when that version is no longer in force.
 */
export async function updateRisk(ctx: WriteContext, orgId: string, id: string, given: RiskInput, version: number, rescore: boolean) {
  const before = await ctx.trx.selectFrom("risks").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound(RISK);
  const input = await withQuantCurrency(ctx, orgId, given);
  if (before.version !== version)
    throw conflict(
      `the risk was changed by someone else (you sent version ${version}, it is now at ${before.version}); reload and try again`,
    );
  const methods = await loadMethods(ctx, orgId);
  const keep = before.method_id !== null && !rescore && sameScores(before, input) ? before.method_id : null;
  const method = !hasScores(input)
    ? null
    : keep
      ? { id: keep, method: (methods.byId.get(keep) as { method: RiskMethod }).method }
      : await methodForScoring(ctx, orgId);
  await validated(ctx, orgId, input, method?.method ?? methods.inForce?.method ?? (await methodOrDefault(ctx, orgId)));
  await updateAudited(
    ctx,
    "risks",
    id,
    { ...columns(input, method), method_id: method?.id ?? null },
    {
      orgId,
      entityType: RISK,
      expectedVersion: version,
      scope: { org_id: orgId },
    },
  );
  await writeLinks(ctx, orgId, before, input);
}

export async function deleteRisk(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  const row = await ctx.trx.selectFrom("risks").select(["id", "ref"]).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(RISK);
  const decisions = await ctx.trx
    .selectFrom("risk_decisions")
    .select("id")
    .where("risk_id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (decisions)
    throw conflict(
      `risk ${row.ref} carries an approval or acceptance; close it (status closed) instead of deleting it, so the record stays`,
    );
  await deleteAudited(ctx, "risks", id, { orgId, entityType: RISK, scope: { org_id: orgId } });
}

/** The risks on an asset, so that deleting the asset can be refused with their references. */
export async function risksOnAsset(db: Db | WriteContext, orgId: string, assetId: string): Promise<string[]> {
  const rows = await reader(db)
    .selectFrom("risks")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("asset_id", "=", assetId)
    .orderBy("number")
    .limit(6)
    .execute();
  return rows.map((r) => r.ref);
}
