import type { AssetRef } from "../../../contracts/assets.js";
import type { Obligation } from "../../../contracts/mandate.js";
import type { InterestedParty, ObligationRequirement, Requirement } from "../../../contracts/requirements.js";
import { ciaNeeds, levelProblems, type ValuationScale } from "../../../core/assets/valuation.js";
import { uuidv7 } from "../../../core/ids.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import type { ObligationsTable } from "../../db/schema.js";
import { containsText } from "../../db/text-search.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { assetRef, findAsset, REQUIREMENT_LINK, readScale } from "../assets/index.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface InterestedPartiesTable extends OrgRecord {
  name: string;
  kind: string;
  description: string | null;
  expectations: string | null;
}
/** Confidentiality, integrity and availability levels a requirement calls for. */
interface NeedsColumns {
  confidentiality: number | null;
  integrity: number | null;
  availability: number | null;
}
export interface SecurityRequirementsTable extends OrgRecord, NeedsColumns {
  title: string;
  description: string | null;
  party_id: string;
  source: string | null;
  owner: string | null;
  external_ref: string | null;
}
/** Exactly one of requirement_id and obligation_id is set. */
export interface RequirementAssetsTable {
  id: string;
  org_id: string;
  requirement_id: string | null;
  obligation_id: string | null;
  asset_id: string;
  created_at: string;
}

declare module "../../db/schema.js" {
  interface Database {
    interested_parties: InterestedPartiesTable;
    security_requirements: SecurityRequirementsTable;
    requirement_assets: RequirementAssetsTable;
  }
  interface AuditedTables {
    interested_parties: true;
    security_requirements: true;
    requirement_assets: true;
  }
  /** Phase 1's obligations, with the columns the requirements analysis (7.2) adds. */
  interface ObligationsTable extends NeedsColumns {
    interested_party_id: string | null;
    external_ref: string | null;
  }
}

export const PARTY = "interested party";
export const REQUIREMENT = "requirement";
const OBLIGATION = "obligation";

const item = (r: OrgRecord) => ({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version });

const countBy = (rows: { key: string | null; n: string | number | bigint }[]) => new Map(rows.map((r) => [r.key, Number(r.n)]));

/** Field problems for levels above what the organization's scale has for that objective: the API's check and the import's. */
export const needsProblems = (scale: ValuationScale, needs: NeedsColumns) =>
  levelProblems(scale, ciaNeeds(needs), "allow").map((p) => ({ field: p.key, message: p.message }));

async function needsErrors(ctx: WriteContext, orgId: string, needs: NeedsColumns) {
  return needsProblems(await readScale(ctx, orgId), needs);
}

async function partyExists(ctx: WriteContext, orgId: string, id: string): Promise<boolean> {
  const row = await ctx.trx
    .selectFrom("interested_parties")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}

function refuse(what: string, errors: { field: string; message: string }[]): void {
  if (errors.length > 0) throw badRequest(`the ${what} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}

// --- interested parties -------------------------------------------------------------------------

const presentParty = (r: InterestedPartiesTable, requirementCount: number): InterestedParty => ({
  ...item(r),
  name: r.name,
  kind: r.kind as InterestedParty["kind"],
  description: r.description,
  expectations: r.expectations,
  requirementCount,
});

async function requirementCounts(db: Db | WriteContext, orgId: string, partyIds: string[]) {
  if (partyIds.length === 0) return new Map<string | null, number>();
  const rows = await reader(db)
    .selectFrom("security_requirements")
    .select((eb) => ["party_id as key", eb.fn.countAll<string | number>().as("n")])
    .where("org_id", "=", orgId)
    .where("party_id", "in", partyIds)
    .groupBy("party_id")
    .execute();
  return countBy(rows);
}

export async function listParties(
  db: Db,
  orgId: string,
  filter: { q?: string | undefined; kind?: string | undefined },
  page: ListParams<"name" | "created_at">,
): Promise<Page<InterestedParty>> {
  let query = db.kysely.selectFrom("interested_parties").selectAll().where("org_id", "=", orgId);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.q) query = query.where(containsText("name", filter.q));
  const rows = await paginate(query, page.sort, page, (r) => r);
  const counts = await requirementCounts(
    db,
    orgId,
    rows.items.map((r) => r.id),
  );
  return { items: rows.items.map((r) => presentParty(r, counts.get(r.id) ?? 0)), nextCursor: rows.nextCursor };
}

async function findParty(db: Db | WriteContext, orgId: string, id: string): Promise<InterestedPartiesTable> {
  const row = await reader(db)
    .selectFrom("interested_parties")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(PARTY);
  return row;
}

export async function partyById(db: Db | WriteContext, orgId: string, id: string): Promise<InterestedParty> {
  const row = await findParty(db, orgId, id);
  return presentParty(row, (await requirementCounts(db, orgId, [id])).get(id) ?? 0);
}

export interface PartyInput {
  name: string;
  kind: string;
  description: string | null;
  expectations: string | null;
}

export async function createParty(ctx: WriteContext, orgId: string, input: PartyInput): Promise<string> {
  const row = { id: uuidv7(), org_id: orgId, ...input, created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "interested_parties", row, { orgId, entityType: PARTY });
  return row.id;
}

export async function updateParty(ctx: WriteContext, orgId: string, id: string, input: PartyInput, version: number): Promise<void> {
  const current = await partyById(ctx, orgId, id);
  await updateAudited(ctx, "interested_parties", id, input, {
    orgId,
    entityType: PARTY,
    expectedVersion: version,
    scope: { org_id: orgId },
    present: () => current,
  });
}

/** A party that requirements or obligations still name stays, so nothing loses where it came from. */
export async function deleteParty(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  const party = await findParty(ctx, orgId, id);
  const [requirements, obligations] = await Promise.all([
    ctx.trx.selectFrom("security_requirements").select("title").where("org_id", "=", orgId).where("party_id", "=", id).limit(4).execute(),
    ctx.trx.selectFrom("obligations").select("title").where("org_id", "=", orgId).where("interested_party_id", "=", id).limit(4).execute(),
  ]);
  const users = [...requirements.map((r) => `requirement "${r.title}"`), ...obligations.map((o) => `obligation "${o.title}"`)];
  if (users.length > 0)
    throw conflict(
      `"${party.name}" is still named by ${users.slice(0, 3).join(", ")}${users.length > 3 ? " and more" : ""}; move or remove those first`,
    );
  await deleteAudited(ctx, "interested_parties", id, { orgId, entityType: PARTY, scope: { org_id: orgId } });
}

// --- links to assets ----------------------------------------------------------------------------

/** Requirements and obligations link to assets the same way, through one table. */
const LINK_SOURCES = {
  requirement: { column: "requirement_id", entity: REQUIREMENT },
  obligation: { column: "obligation_id", entity: OBLIGATION },
} as const;
export type LinkSource = keyof typeof LINK_SOURCES;

async function assetCounts(db: Db | WriteContext, orgId: string, source: LinkSource, ids: string[]) {
  if (ids.length === 0) return new Map<string | null, number>();
  const { column } = LINK_SOURCES[source];
  const rows = await reader(db)
    .selectFrom("requirement_assets")
    .select((eb) => [`${column} as key`, eb.fn.countAll<string | number>().as("n")])
    .where("org_id", "=", orgId)
    .where(column, "in", ids)
    .groupBy(column)
    .execute();
  return countBy(rows as { key: string | null; n: string | number }[]);
}

async function linkedAssets(db: Db | WriteContext, orgId: string, source: LinkSource, id: string): Promise<AssetRef[]> {
  const rows = await reader(db)
    .selectFrom("requirement_assets as l")
    .innerJoin("assets as a", "a.id", "l.asset_id")
    .select(["a.id", "a.name", "a.kind"])
    .where("l.org_id", "=", orgId)
    .where(`l.${LINK_SOURCES[source].column}`, "=", id)
    .orderBy("a.name")
    .orderBy("a.id")
    .execute();
  return rows.map(assetRef);
}

async function sourceTitle(ctx: WriteContext, orgId: string, source: LinkSource, id: string): Promise<string> {
  const row = await (source === "requirement"
    ? ctx.trx.selectFrom("security_requirements").select("title").where("org_id", "=", orgId).where("id", "=", id)
    : ctx.trx.selectFrom("obligations").select("title").where("org_id", "=", orgId).where("id", "=", id)
  ).executeTakeFirst();
  if (!row) throw notFound(LINK_SOURCES[source].entity);
  return row.title;
}

export async function addAssetLink(ctx: WriteContext, orgId: string, source: LinkSource, id: string, assetId: string) {
  const title = await sourceTitle(ctx, orgId, source, id);
  const asset = await ctx.trx
    .selectFrom("assets")
    .select(["id", "name", "kind"])
    .where("org_id", "=", orgId)
    .where("id", "=", assetId)
    .executeTakeFirst();
  if (!asset) throw badRequest("the asset does not exist", [{ field: "assetId", message: "is not an asset of this organization" }]);
  const { column, entity } = LINK_SOURCES[source];
  const existing = await ctx.trx
    .selectFrom("requirement_assets")
    .select("id")
    .where(column, "=", id)
    .where("asset_id", "=", assetId)
    .executeTakeFirst();
  if (existing) throw conflict(`the ${entity} "${title}" applies to "${asset.name}" already`);
  const row = {
    id: uuidv7(),
    org_id: orgId,
    requirement_id: source === "requirement" ? id : null,
    obligation_id: source === "obligation" ? id : null,
    asset_id: assetId,
    created_at: ctx.now,
  };
  await insertAudited(ctx, "requirement_assets", row, { orgId, entityType: REQUIREMENT_LINK });
  return { id: row.id, asset: assetRef(asset), createdAt: row.created_at };
}

export async function removeAssetLink(ctx: WriteContext, orgId: string, source: LinkSource, id: string, assetId: string): Promise<void> {
  const link = await ctx.trx
    .selectFrom("requirement_assets")
    .select("id")
    .where("org_id", "=", orgId)
    .where(LINK_SOURCES[source].column, "=", id)
    .where("asset_id", "=", assetId)
    .executeTakeFirst();
  if (!link) throw notFound(REQUIREMENT_LINK);
  await deleteAudited(ctx, "requirement_assets", link.id, { orgId, entityType: REQUIREMENT_LINK });
}

/** The requirements and obligations that apply to an asset: the link read the other way. */
export async function requirementsOfAsset(db: Db, orgId: string, assetId: string, page: { cursor?: string | undefined; limit: number }) {
  await findAsset(db, orgId, assetId);
  const query = db.kysely
    .selectFrom("requirement_assets as l")
    .leftJoin("security_requirements as r", "r.id", "l.requirement_id")
    .leftJoin("obligations as o", "o.id", "l.obligation_id")
    .select(["l.id", "l.requirement_id", "l.obligation_id", "r.title as requirement_title", "o.title as obligation_title"])
    .where("l.org_id", "=", orgId)
    .where("l.asset_id", "=", assetId);
  return paginate(query, { column: "l.id", field: "id", idColumn: "l.id" }, { sort: "id", ...page }, (r) =>
    r.requirement_id
      ? { linkId: r.id, type: "requirement" as const, id: r.requirement_id, title: r.requirement_title ?? "" }
      : { linkId: r.id, type: "obligation" as const, id: r.obligation_id ?? "", title: r.obligation_title ?? "" },
  );
}

async function unlinkAll(ctx: WriteContext, orgId: string, source: LinkSource, id: string): Promise<void> {
  const links = await ctx.trx
    .selectFrom("requirement_assets")
    .select("id")
    .where("org_id", "=", orgId)
    .where(LINK_SOURCES[source].column, "=", id)
    .execute();
  for (const link of links) await deleteAudited(ctx, "requirement_assets", link.id, { orgId, entityType: REQUIREMENT_LINK });
}

/** 409 when another record of the table holds the external reference. */
async function refuseTakenRef(
  ctx: WriteContext,
  orgId: string,
  table: "security_requirements" | "obligations",
  ref: string | null,
  id: string | null,
) {
  if (!ref) return;
  let query = ctx.trx.selectFrom(table).select("title").where("org_id", "=", orgId).where("external_ref", "=", ref);
  if (id) query = query.where("id", "!=", id);
  const taken = await query.executeTakeFirst();
  if (taken) throw conflict(`the external reference "${ref}" belongs to "${taken.title}" already`);
}

// --- requirements -------------------------------------------------------------------------------

type RequirementRow = SecurityRequirementsTable & { party_name: string };

const presentRequirement = (r: RequirementRow, assetCount: number): Requirement => ({
  ...item(r),
  title: r.title,
  description: r.description,
  partyId: r.party_id,
  partyName: r.party_name,
  source: r.source,
  owner: r.owner,
  confidentiality: r.confidentiality,
  integrity: r.integrity,
  availability: r.availability,
  externalRef: r.external_ref,
  assetCount,
});

const requirements = (db: Db | WriteContext, orgId: string) =>
  reader(db)
    .selectFrom("security_requirements as r")
    .innerJoin("interested_parties as p", "p.id", "r.party_id")
    .selectAll("r")
    .select("p.name as party_name")
    .where("r.org_id", "=", orgId);

export async function listRequirements(
  db: Db,
  orgId: string,
  filter: { q?: string | undefined; partyId?: string | undefined; owner?: string | undefined },
  page: ListParams<"title" | "created_at">,
): Promise<Page<Requirement>> {
  let query = requirements(db, orgId);
  if (filter.partyId) query = query.where("r.party_id", "=", filter.partyId);
  if (filter.owner !== undefined) query = query.where("r.owner", "=", filter.owner);
  if (filter.q) query = query.where(containsText("r.title", filter.q));
  const rows = await paginate(query, { column: `r.${page.sort}`, idColumn: "r.id" }, page, (r) => r);
  const counts = await assetCounts(
    db,
    orgId,
    "requirement",
    rows.items.map((r) => r.id),
  );
  return { items: rows.items.map((r) => presentRequirement(r, counts.get(r.id) ?? 0)), nextCursor: rows.nextCursor };
}

export async function requirementDetail(db: Db | WriteContext, orgId: string, id: string) {
  const row = await requirements(db, orgId).where("r.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(REQUIREMENT);
  const assets = await linkedAssets(db, orgId, "requirement", id);
  return { ...presentRequirement(row, assets.length), assets };
}

export interface RequirementInput extends NeedsColumns {
  title: string;
  description: string | null;
  partyId: string;
  source: string | null;
  owner: string | null;
  externalRef: string | null;
}

async function checkRequirement(ctx: WriteContext, orgId: string, input: RequirementInput, id: string | null): Promise<void> {
  const errors = await needsErrors(ctx, orgId, input);
  if (!(await partyExists(ctx, orgId, input.partyId)))
    errors.push({ field: "partyId", message: "is not an interested party of this organization" });
  refuse(REQUIREMENT, errors);
  await refuseTakenRef(ctx, orgId, "security_requirements", input.externalRef, id);
}

/** The columns a requirement is stored with, by the API and by an import. */
export const requirementColumns = (input: RequirementInput) => ({
  title: input.title,
  description: input.description,
  party_id: input.partyId,
  source: input.source,
  owner: input.owner,
  confidentiality: input.confidentiality,
  integrity: input.integrity,
  availability: input.availability,
  external_ref: input.externalRef,
});

export async function createRequirement(ctx: WriteContext, orgId: string, input: RequirementInput): Promise<string> {
  await checkRequirement(ctx, orgId, input, null);
  const row = { id: uuidv7(), org_id: orgId, ...requirementColumns(input), created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "security_requirements", row, { orgId, entityType: REQUIREMENT });
  return row.id;
}

export async function updateRequirement(ctx: WriteContext, orgId: string, id: string, input: RequirementInput, version: number) {
  const current = await requirementDetail(ctx, orgId, id);
  await checkRequirement(ctx, orgId, input, id);
  await updateAudited(ctx, "security_requirements", id, requirementColumns(input), {
    orgId,
    entityType: REQUIREMENT,
    expectedVersion: version,
    scope: { org_id: orgId },
    present: () => current,
  });
}

export async function deleteRequirement(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  await requirementDetail(ctx, orgId, id);
  await unlinkAll(ctx, orgId, "requirement", id);
  await deleteAudited(ctx, "security_requirements", id, { orgId, entityType: REQUIREMENT, scope: { org_id: orgId } });
}

// --- obligations, as the requirements analysis extends them -------------------------------------

const presentObligation = (r: ObligationsTable, partyName: string | null, assetCount: number): ObligationRequirement => ({
  ...item(r),
  title: r.title,
  kind: r.kind as Obligation["kind"],
  source: r.source,
  jurisdiction: r.jurisdiction,
  reference: r.reference,
  owner: r.owner,
  notes: r.notes,
  confidentiality: r.confidentiality,
  integrity: r.integrity,
  availability: r.availability,
  interestedPartyId: r.interested_party_id,
  interestedPartyName: partyName,
  externalRef: r.external_ref,
  assetCount,
});

const obligations = (db: Db | WriteContext, orgId: string) =>
  reader(db)
    .selectFrom("obligations as o")
    .leftJoin("interested_parties as p", "p.id", "o.interested_party_id")
    .selectAll("o")
    .select("p.name as party_name")
    .where("o.org_id", "=", orgId);

export async function listObligations(
  db: Db,
  orgId: string,
  filter: { q?: string | undefined; kind?: string | undefined; partyId?: string | undefined; owner?: string | undefined },
  page: ListParams<"title" | "created_at">,
): Promise<Page<ObligationRequirement>> {
  let query = obligations(db, orgId);
  if (filter.kind) query = query.where("o.kind", "=", filter.kind);
  if (filter.partyId) query = query.where("o.interested_party_id", "=", filter.partyId);
  if (filter.owner !== undefined) query = query.where("o.owner", "=", filter.owner);
  if (filter.q) query = query.where(containsText("o.title", filter.q));
  const rows = await paginate(query, { column: `o.${page.sort}`, idColumn: "o.id" }, page, (r) => r);
  const counts = await assetCounts(
    db,
    orgId,
    "obligation",
    rows.items.map((r) => r.id),
  );
  return { items: rows.items.map((r) => presentObligation(r, r.party_name, counts.get(r.id) ?? 0)), nextCursor: rows.nextCursor };
}

export async function obligationDetail(db: Db | WriteContext, orgId: string, id: string) {
  const row = await obligations(db, orgId).where("o.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(OBLIGATION);
  const assets = await linkedAssets(db, orgId, "obligation", id);
  return { ...presentObligation(row, row.party_name, assets.length), assets };
}

export interface ObligationNeedsInput extends NeedsColumns {
  interestedPartyId: string | null;
  externalRef: string | null;
}

/** Writes only the fields 7.2 adds; phase 1's fields stay with phase 1's routes. Both share one version. */
export async function setObligationNeeds(ctx: WriteContext, orgId: string, id: string, input: ObligationNeedsInput, version: number) {
  const current = await obligationDetail(ctx, orgId, id);
  const errors = await needsErrors(ctx, orgId, input);
  if (input.interestedPartyId && !(await partyExists(ctx, orgId, input.interestedPartyId)))
    errors.push({ field: "interestedPartyId", message: "is not an interested party of this organization" });
  refuse(OBLIGATION, errors);
  await refuseTakenRef(ctx, orgId, "obligations", input.externalRef, id);
  await updateAudited(
    ctx,
    "obligations",
    id,
    {
      confidentiality: input.confidentiality,
      integrity: input.integrity,
      availability: input.availability,
      interested_party_id: input.interestedPartyId,
      external_ref: input.externalRef,
    },
    {
      orgId,
      entityType: OBLIGATION,
      expectedVersion: version,
      scope: { org_id: orgId },
      present: () => current,
    },
  );
}
