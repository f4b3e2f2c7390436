import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OrgParamsSchema } from "../../../contracts/common.js";
import { CatalogEntryInputSchema, CatalogEntrySchema, StarterLoadSchema } from "../../../contracts/risks.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { uuidv7 } from "../../../core/ids.js";
import { parseStarterCatalog, type StarterCatalog } from "../../../core/risk/starter.js";
import { insertAudited, type WriteContext, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { projectRoot } from "../../paths.js";
import { registerRoutes } from "../../registers/register-routes.js";
import type { CatalogEntriesTable } from "../risks/risks.tables.js";

const tags = ["threats and vulnerabilities"];

let starter: StarterCatalog | undefined;
/** The shipped starter catalog, read and checked on first use. */
export function starterCatalog(): StarterCatalog {
  starter ??= parseStarterCatalog(JSON.parse(readFileSync(join(projectRoot(), "catalogs", "risk-starter.json"), "utf8")));
  return starter;
}

const present = (row: Record<string, unknown>) => {
  const r = row as unknown as CatalogEntriesTable;
  return {
    id: r.id,
    starterKey: r.starter_key,
    title: r.title,
    description: r.description,
    category: r.category,
    objectives: JSON.parse(r.objectives) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

/** A threat or vulnerability that risks refer to cannot be removed from under them. */
const usedBy = (column: "threat_id" | "vulnerability_id") => async (db: Db, orgId: string, id: string) => {
  const risks = await db.kysely
    .selectFrom("risks")
    .select("ref")
    .where("org_id", "=", orgId)
    .where(column, "=", id)
    .orderBy("number")
    .limit(6)
    .execute();
  if (risks.length === 0) return null;
  return `risk(s) ${risks
    .slice(0, 5)
    .map((r) => r.ref)
    .join(", ")}${risks.length > 5 ? " and more" : ""} refer to it`;
};

const catalogRegister = (path: "threats" | "vulnerabilities", entity: string) =>
  registerRoutes({
    path,
    table: path,
    entity,
    tags,
    item: CatalogEntrySchema,
    input: CatalogEntryInputSchema,
    toRow: (input) => ({
      title: input.title,
      description: input.description,
      category: input.category,
      objectives: JSON.stringify(path === "threats" ? input.objectives : []),
    }),
    present,
    inUse: usedBy(path === "threats" ? "threat_id" : "vulnerability_id"),
  });

/** Adds the starter entries the organization does not have yet; entries it edited or removed are left as they are. */
export async function loadStarter(ctx: WriteContext, orgId: string) {
  const catalog = starterCatalog();
  const add = async (
    table: "threats" | "vulnerabilities",
    entries: { key: string; name: string; description: string; category: string; objectives?: string[] }[],
  ) => {
    const have = new Set(
      (await ctx.trx.selectFrom(table).select("starter_key").where("org_id", "=", orgId).execute()).map((r) => r.starter_key),
    );
    let added = 0;
    for (const e of entries) {
      if (have.has(e.key)) continue;
      const row: CatalogEntriesTable = {
        id: uuidv7(),
        org_id: orgId,
        starter_key: e.key,
        title: e.name,
        description: e.description,
        category: e.category,
        objectives: JSON.stringify(e.objectives ?? []),
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      };
      await insertAudited(ctx, table, row, { orgId, entityType: table === "threats" ? "threat" : "vulnerability" });
      added++;
    }
    return added;
  };
  return {
    threatsAdded: await add("threats", catalog.threats),
    vulnerabilitiesAdded: await add("vulnerabilities", catalog.vulnerabilities),
  };
}

export const riskCatalogRoutes: RouteModule = (app, deps) => {
  catalogRegister("threats", "threat")(app, deps);
  catalogRegister("vulnerabilities", "vulnerability")(app, deps);
  app.post("/orgs/:orgId/risk-catalog/starter", {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Add the shipped starter threats and vulnerabilities the organization does not have yet (idempotent)",
      params: OrgParamsSchema,
      response: { 200: StarterLoadSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      return withWrite(deps.db, writeMeta(request), (ctx) => loadStarter(ctx, orgId));
    },
  });
};
