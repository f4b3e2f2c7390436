import type { Asset, AssetDetail, AssetRef, ValuationScaleDocument } from "../../../contracts/assets.js";
import {
  type AssetCategory,
  type AssetKind,
  assetCategory,
  categoryChangeProblem,
  isInScope,
  PRIMARY_ASSET_KINDS,
  SUPPORTING_ASSET_KINDS,
  supportLinkProblem,
} from "../../../core/assets/inventory.js";
import {
  ciaNeeds,
  DEFAULT_VALUATION_SCALE,
  deriveValuation,
  effectiveValuation,
  levelProblems,
  type ObjectiveValue,
  type SecurityObjective,
  type Valuation,
  type ValuationScale,
  type ValuedAsset,
} from "../../../core/assets/valuation.js";
import { uuidv7 } from "../../../core/ids.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import { containsText } from "../../db/text-search.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { isScopeElement, outOfScopeElements } from "./asset-scope.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface AssetsTable extends OrgRecord {
  kind: string;
  name: string;
  /** The name lower-cased, for search. */
  name_folded: string;
  description: string | null;
  owner: string | null;
  custodian: string | null;
  classification: string | null;
  location_element_id: string | null;
  /** JSON: objective key -> level. */
  valuation: string;
  /** JSON: objective key -> level, replacing the derived value; `{}` when there is none. */
  valuation_override: string;
  override_reason: string | null;
  external_ref: string | null;
}
export interface AssetSupportsTable {
  id: string;
  org_id: string;
  supporting_asset_id: string;
  primary_asset_id: string;
  created_at: string;
}
/** One per organization, its id being the organization's. */
export interface ValuationScalesTable extends OrgRecord {
  /** JSON: SecurityObjective[]. */
  objectives: string;
}

declare module "../../db/schema.js" {
  interface Database {
    assets: AssetsTable;
    asset_supports: AssetSupportsTable;
    valuation_scales: ValuationScalesTable;
  }
  interface AuditedTables {
    assets: true;
    asset_supports: true;
    valuation_scales: true;
  }
}

export const ASSET = "asset";
export const SUPPORT = "asset support";
const SCALE = "valuation scale";
/** Links from requirements and obligations to assets; the requirements module writes them too. */
export const REQUIREMENT_LINK = "requirement link";

const fold = (text: string) => text.toLowerCase();

const parseValuation = (json: string): Valuation => JSON.parse(json) as Valuation;

// --- valuation scale ----------------------------------------------------------------------------

const scaleOf = (row: ValuationScalesTable | undefined): ValuationScale =>
  row ? { objectives: JSON.parse(row.objectives) as SecurityObjective[] } : DEFAULT_VALUATION_SCALE;

const presentScale = (row: ValuationScalesTable | undefined): ValuationScaleDocument => ({
  objectives: scaleOf(row).objectives,
  version: row?.version ?? 0,
  updatedAt: row?.updated_at ?? null,
});

async function scaleRow(db: Db | WriteContext, orgId: string) {
  return reader(db).selectFrom("valuation_scales").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function readScale(db: Db | WriteContext, orgId: string): Promise<ValuationScale> {
  return scaleOf(await scaleRow(db, orgId));
}

export async function readScaleDocument(db: Db, orgId: string): Promise<ValuationScaleDocument> {
  return presentScale(await scaleRow(db, orgId));
}

const MISFITS_NAMED = 10;

/** Every recorded level the scale would not hold, in words; a scale change must not strand data. */
async function valuesOutsideScale(ctx: WriteContext, orgId: string, scale: ValuationScale): Promise<string[]> {
  const needs = ["title", "confidentiality", "integrity", "availability"] as const;
  const [assets, requirements, obligations] = await Promise.all([
    ctx.trx
      .selectFrom("assets")
      .select(["name", "valuation", "valuation_override"])
      .where("org_id", "=", orgId)
      .orderBy("name")
      .orderBy("id")
      .execute(),
    ctx.trx.selectFrom("security_requirements").select(needs).where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
    ctx.trx.selectFrom("obligations").select(needs).where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
  ]);
  const misfits = (what: string, field: string, values: Valuation, unknown: "refuse" | "allow") =>
    levelProblems(scale, values, unknown).map((p) => `${what}: ${field}.${p.key} ${p.message}`);
  return [
    ...assets.flatMap((a) => [
      ...misfits(`asset "${a.name}"`, "valuation", parseValuation(a.valuation), "refuse"),
      ...misfits(`asset "${a.name}"`, "valuationOverride", parseValuation(a.valuation_override), "refuse"),
    ]),
    ...requirements.flatMap((r) => misfits(`requirement "${r.title}"`, "needs", ciaNeeds(r), "allow")),
    ...obligations.flatMap((o) => misfits(`obligation "${o.title}"`, "needs", ciaNeeds(o), "allow")),
  ];
}

/** Replaces the organization's scale; `version` 0 while the defaults apply. */
export async function writeScale(
  ctx: WriteContext,
  orgId: string,
  objectives: SecurityObjective[],
  version: number,
): Promise<ValuationScaleDocument> {
  const current = await scaleRow(ctx, orgId);
  if ((current?.version ?? 0) !== version)
    throw conflict(
      `the valuation scale was changed by someone else (you sent version ${version}, it is now at ${current?.version ?? 0}); reload and try again`,
      presentScale(current),
    );
  const misfits = await valuesOutsideScale(ctx, orgId, { objectives });
  if (misfits.length > 0) {
    const more = misfits.length > MISFITS_NAMED ? `; and ${misfits.length - MISFITS_NAMED} more` : "";
    throw conflict(
      `the new scale does not hold ${misfits.length} recorded value(s): ${misfits.slice(0, MISFITS_NAMED).join("; ")}${more}. Change those first`,
    );
  }
  const stored = JSON.stringify(objectives);
  if (!current) {
    const row = { id: orgId, org_id: orgId, objectives: stored, created_at: ctx.now, updated_at: ctx.now, version: 1 };
    await insertAudited(ctx, "valuation_scales", row, { orgId, entityType: SCALE });
    return presentScale(row);
  }
  const after = await updateAudited(
    ctx,
    "valuation_scales",
    orgId,
    { objectives: stored },
    { orgId, entityType: SCALE, expectedVersion: version },
  );
  return presentScale(after);
}

// --- assets -------------------------------------------------------------------------------------

/** The asset as stored, without what is derived from other records: what a 409 hands back. */
function storedAsset(r: AssetsTable) {
  return {
    id: r.id,
    kind: r.kind as AssetKind,
    category: assetCategory(r.kind),
    name: r.name,
    description: r.description,
    owner: r.owner,
    custodian: r.custodian,
    classification: r.classification,
    locationElementId: r.location_element_id,
    valuation: parseValuation(r.valuation),
    valuationOverride: parseValuation(r.valuation_override),
    overrideReason: r.override_reason,
    externalRef: r.external_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const presentAsset = (r: AssetsTable, inScope: boolean, values: ObjectiveValue[]): Asset => ({
  ...storedAsset(r),
  inScope,
  effectiveValuation: effectiveValuation(values),
});

export const assetRef = (r: { id: string; name: string; kind: string }): AssetRef => ({
  id: r.id,
  name: r.name,
  kind: r.kind as AssetKind,
});

const subject = (r: AssetsTable) => ({
  id: r.id,
  name: r.name,
  valuation: parseValuation(r.valuation),
  override: parseValuation(r.valuation_override),
  overrideReason: r.override_reason,
});

/** The primary assets each of the given supporting assets supports, with their valuations, by name. */
async function supportedPrimaries(db: Db | WriteContext, orgId: string, supportingIds: string[]) {
  const grouped = new Map<string, (ValuedAsset & { kind: string })[]>();
  if (supportingIds.length === 0) return grouped;
  const rows = await reader(db)
    .selectFrom("asset_supports as s")
    .innerJoin("assets as p", "p.id", "s.primary_asset_id")
    .select(["s.supporting_asset_id", "p.id", "p.name", "p.kind", "p.valuation"])
    .where("s.org_id", "=", orgId)
    .where("s.supporting_asset_id", "in", supportingIds)
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
  for (const r of rows) {
    const list = grouped.get(r.supporting_asset_id) ?? [];
    list.push({ id: r.id, name: r.name, kind: r.kind, valuation: parseValuation(r.valuation) });
    grouped.set(r.supporting_asset_id, list);
  }
  return grouped;
}

const assets = (db: Db | WriteContext, orgId: string) => reader(db).selectFrom("assets").where("org_id", "=", orgId);

export async function findAsset(db: Db | WriteContext, orgId: string, id: string): Promise<AssetsTable> {
  const row = await assets(db, orgId).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(ASSET);
  return row;
}

export interface AssetFilter {
  q?: string | undefined;
  kind?: AssetKind | undefined;
  category?: AssetCategory | undefined;
  owner?: string | undefined;
  classification?: string | undefined;
  inScope?: boolean | undefined;
}

/**
 * One page of assets. Each filter compares a column as stored, so the query walks an index in
 * name (or creation) order and stops after the page; a search term is a substring match and
 * filters the rows that walk visits.
 */
export async function listAssets(
  db: Db,
  orgId: string,
  filter: AssetFilter,
  page: ListParams<"name" | "created_at">,
): Promise<Page<Asset>> {
  const [outOfScope, scale] = await Promise.all([outOfScopeElements(db, orgId), readScale(db, orgId)]);
  let query = assets(db, orgId).selectAll();
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.category) query = query.where("kind", "in", filter.category === "primary" ? PRIMARY_ASSET_KINDS : SUPPORTING_ASSET_KINDS);
  if (filter.owner !== undefined) query = query.where("owner", "=", filter.owner);
  if (filter.classification !== undefined) query = query.where("classification", "=", filter.classification);
  if (filter.q) query = query.where(containsText("name_folded", filter.q, "folded"));
  if (filter.inScope !== undefined) {
    const excluded = [...outOfScope];
    if (filter.inScope && excluded.length > 0)
      query = query.where((eb) => eb.or([eb("location_element_id", "is", null), eb("location_element_id", "not in", excluded)]));
    if (!filter.inScope) {
      if (excluded.length === 0) return { items: [], nextCursor: null };
      query = query.where("location_element_id", "in", excluded);
    }
  }
  const rows = await paginate(query, page.sort, page, (r) => r);
  const supported = await supportedPrimaries(
    db,
    orgId,
    rows.items.filter((r) => assetCategory(r.kind) === "supporting").map((r) => r.id),
  );
  return {
    items: rows.items.map((r) =>
      presentAsset(r, isInScope(r.location_element_id, outOfScope), deriveValuation(subject(r), supported.get(r.id) ?? [], scale)),
    ),
    nextCursor: rows.nextCursor,
  };
}

/** One asset with its derived valuation explained and its links both ways. */
export async function assetDetail(db: Db | WriteContext, orgId: string, id: string): Promise<AssetDetail> {
  const row = await findAsset(db, orgId, id);
  const [outOfScope, scale, supported, supporters] = await Promise.all([
    outOfScopeElements(db, orgId),
    readScale(db, orgId),
    supportedPrimaries(db, orgId, [id]),
    reader(db)
      .selectFrom("asset_supports as s")
      .innerJoin("assets as a", "a.id", "s.supporting_asset_id")
      .select(["a.id", "a.name", "a.kind"])
      .where("s.org_id", "=", orgId)
      .where("s.primary_asset_id", "=", id)
      .orderBy("a.name")
      .orderBy("a.id")
      .execute(),
  ]);
  const primaries = supported.get(id) ?? [];
  const derivation = deriveValuation(subject(row), primaries, scale);
  return {
    ...presentAsset(row, isInScope(row.location_element_id, outOfScope), derivation),
    derivation,
    supports: primaries.map(assetRef),
    supportedBy: supporters.map(assetRef),
  };
}

export interface AssetInput {
  kind: AssetKind;
  name: string;
  description: string | null;
  owner: string | null;
  custodian: string | null;
  classification: string | null;
  locationElementId: string | null;
  valuation: Record<string, number>;
  valuationOverride: Record<string, number>;
  overrideReason: string | null;
  externalRef: string | null;
}

/** The columns an asset is stored with, by the API and by an import (the folded name included). */
export const assetColumns = (input: AssetInput) => ({
  kind: input.kind,
  name: input.name,
  name_folded: fold(input.name),
  description: input.description,
  owner: input.owner,
  custodian: input.custodian,
  classification: input.classification,
  location_element_id: input.locationElementId,
  valuation: JSON.stringify(input.valuation),
  valuation_override: JSON.stringify(input.valuationOverride),
  override_reason: input.overrideReason,
  external_ref: input.externalRef,
});

/** The valuation's and the override's levels the organization's scale does not have: the API's check and the import's. */
export const valuationProblems = (scale: ValuationScale, input: Pick<AssetInput, "valuation" | "valuationOverride">) => [
  ...levelProblems(scale, input.valuation, "refuse").map((p) => ({ field: `valuation.${p.key}`, message: p.message })),
  ...levelProblems(scale, input.valuationOverride, "refuse").map((p) => ({ field: `valuationOverride.${p.key}`, message: p.message })),
];

/** What the contract cannot know: the organization's scale, its scope elements and its other assets' references. */
async function checkAssetInput(ctx: WriteContext, orgId: string, input: AssetInput, id: string | null): Promise<void> {
  const errors = valuationProblems(await readScale(ctx, orgId), input);
  if (input.locationElementId && !(await isScopeElement(ctx, orgId, input.locationElementId)))
    errors.push({ field: "locationElementId", message: "is not a scope element of this organization" });
  if (errors.length > 0) throw badRequest(`the asset is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
  if (input.externalRef) {
    let other = assets(ctx, orgId).select("name").where("external_ref", "=", input.externalRef);
    if (id) other = other.where("id", "!=", id);
    const taken = await other.executeTakeFirst();
    if (taken) throw conflict(`the external reference "${input.externalRef}" belongs to the asset "${taken.name}" already`);
  }
}

export async function createAsset(ctx: WriteContext, orgId: string, input: AssetInput): Promise<string> {
  await checkAssetInput(ctx, orgId, input, null);
  const row: AssetsTable = { id: uuidv7(), org_id: orgId, ...assetColumns(input), created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "assets", row, { orgId, entityType: ASSET });
  return row.id;
}

const linksOf = (ctx: WriteContext, orgId: string, assetId: string) =>
  ctx.trx
    .selectFrom("asset_supports")
    .select("id")
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("supporting_asset_id", "=", assetId), eb("primary_asset_id", "=", assetId)]));

export async function updateAsset(ctx: WriteContext, orgId: string, id: string, input: AssetInput, version: number): Promise<void> {
  const before = await findAsset(ctx, orgId, id);
  await checkAssetInput(ctx, orgId, input, id);
  if (assetCategory(input.kind) !== assetCategory(before.kind)) {
    const problem = categoryChangeProblem(before.kind, input.kind, (await linksOf(ctx, orgId, id).execute()).length);
    if (problem) throw conflict(problem, storedAsset(before));
  }
  await updateAudited(ctx, "assets", id, assetColumns(input), {
    orgId,
    entityType: ASSET,
    expectedVersion: version,
    scope: { org_id: orgId },
    present: (r) => storedAsset(r),
  });
}

/** Removes an asset with its links, each removal in the audit trail. */
export async function deleteAsset(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  const asset = await findAsset(ctx, orgId, id);
  const risks = await ctx.trx
    .selectFrom("risks")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("asset_id", "=", id)
    .orderBy("number")
    .limit(6)
    .execute();
  if (risks.length > 0)
    throw conflict(
      `asset "${asset.name}" is the subject of risk(s) ${risks
        .slice(0, 5)
        .map((r) => r.ref)
        .join(", ")}${risks.length > 5 ? " and more" : ""}; close or move those risks first`,
    );
  for (const table of ["risk_affected_assets", "asset_risk_exemptions"] as const) {
    const links = await ctx.trx.selectFrom(table).select("id").where("org_id", "=", orgId).where("asset_id", "=", id).execute();
    for (const link of links)
      await deleteAudited(ctx, table, link.id, {
        orgId,
        entityType: table === "risk_affected_assets" ? "risk affected asset" : "no-risk decision",
      });
  }
  for (const link of await linksOf(ctx, orgId, id).execute())
    await deleteAudited(ctx, "asset_supports", link.id, { orgId, entityType: SUPPORT });
  const requirementLinks = await ctx.trx
    .selectFrom("requirement_assets")
    .select("id")
    .where("org_id", "=", orgId)
    .where("asset_id", "=", id)
    .execute();
  for (const link of requirementLinks) await deleteAudited(ctx, "requirement_assets", link.id, { orgId, entityType: REQUIREMENT_LINK });
  await deleteAudited(ctx, "assets", id, { orgId, entityType: ASSET, scope: { org_id: orgId } });
}

// --- supports links -----------------------------------------------------------------------------

export async function addSupport(ctx: WriteContext, orgId: string, supportingId: string, primaryId: string): Promise<AssetSupportsTable> {
  const supporting = await findAsset(ctx, orgId, supportingId);
  const primary = await assets(ctx, orgId).select(["id", "name", "kind"]).where("id", "=", primaryId).executeTakeFirst();
  if (!primary)
    throw badRequest("the supported asset does not exist", [{ field: "primaryAssetId", message: "is not an asset of this organization" }]);
  const problem = supportLinkProblem(supporting, primary);
  if (problem) throw badRequest(`"${supporting.name}" cannot support "${primary.name}": ${problem.field} ${problem.message}`, [problem]);
  const existing = await ctx.trx
    .selectFrom("asset_supports")
    .select("id")
    .where("supporting_asset_id", "=", supportingId)
    .where("primary_asset_id", "=", primaryId)
    .executeTakeFirst();
  if (existing) throw conflict(`"${supporting.name}" supports "${primary.name}" already`);
  const row = { id: uuidv7(), org_id: orgId, supporting_asset_id: supportingId, primary_asset_id: primaryId, created_at: ctx.now };
  await insertAudited(ctx, "asset_supports", row, { orgId, entityType: SUPPORT });
  return row;
}

export async function removeSupport(ctx: WriteContext, orgId: string, supportingId: string, primaryId: string): Promise<void> {
  const link = await ctx.trx
    .selectFrom("asset_supports")
    .select("id")
    .where("org_id", "=", orgId)
    .where("supporting_asset_id", "=", supportingId)
    .where("primary_asset_id", "=", primaryId)
    .executeTakeFirst();
  if (!link) throw notFound(SUPPORT);
  await deleteAudited(ctx, "asset_supports", link.id, { orgId, entityType: SUPPORT });
}

/** A page of the dependency graph: supports links in a stable order, with the assets they join. */
export async function assetGraph(
  db: Db,
  orgId: string,
  params: { cursor?: string | undefined; limit: number; assetId?: string | undefined },
) {
  let query = db.kysely.selectFrom("asset_supports").selectAll().where("org_id", "=", orgId);
  const focus = params.assetId;
  if (focus) query = query.where((eb) => eb.or([eb("supporting_asset_id", "=", focus), eb("primary_asset_id", "=", focus)]));
  const edges = await paginate(query, "id", { sort: "id", cursor: params.cursor, limit: params.limit }, (e) => ({
    id: e.id,
    from: e.supporting_asset_id,
    to: e.primary_asset_id,
  }));
  const ids = [...new Set(edges.items.flatMap((e) => [e.from, e.to]))];
  const [nodes, outOfScope] = await Promise.all([
    ids.length === 0
      ? []
      : assets(db, orgId)
          .select(["id", "name", "kind", "location_element_id"])
          .where("id", "in", ids)
          .orderBy("name")
          .orderBy("id")
          .execute(),
    outOfScopeElements(db, orgId),
  ]);
  return {
    nodes: nodes.map((n) => ({ ...assetRef(n), category: assetCategory(n.kind), inScope: isInScope(n.location_element_id, outOfScope) })),
    edges: edges.items,
    nextCursor: edges.nextCursor,
  };
}
