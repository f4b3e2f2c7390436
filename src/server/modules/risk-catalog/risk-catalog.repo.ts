import { readFileSync } from "node:fs";
import { join } from "node:path";
import { uuidv7 } from "../../../core/ids.js";
import { parseStarterCatalog, type StarterCatalog } from "../../../core/risk/starter.js";
import { insertAudited, reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { projectRoot } from "../../paths.js";
import type { CatalogEntriesTable } from "../risks/index.js";

let starter: StarterCatalog | undefined;
/** The shipped starter catalog, read and checked on first use. */
export function starterCatalog(): StarterCatalog {
  starter ??= parseStarterCatalog(JSON.parse(readFileSync(join(projectRoot(), "catalogs", "risk-starter.json"), "utf8")));
  return starter;
}

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

/** The references of the first `limit` risks (by number) that name the threat or vulnerability. */
export async function riskRefsNaming(
  db: Db | WriteContext,
  orgId: string,
  column: "threat_id" | "vulnerability_id",
  entryId: string,
  limit: number,
): Promise<string[]> {
  const rows = await reader(db)
    .selectFrom("risks")
    .select("ref")
    .where("org_id", "=", orgId)
    .where(column, "=", entryId)
    .orderBy("number")
    .limit(limit)
    .execute();
  return rows.map((r) => r.ref);
}
