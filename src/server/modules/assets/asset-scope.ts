import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";

/**
 * The one place where the asset inventory reads the scope registers. An asset's location is a
 * scope element; the elements recorded as out of scope are few, so they are read as a set and
 * `isInScope` (core) decides per asset, for lists, details and the completion rule alike.
 */
export async function outOfScopeElements(db: Db | WriteContext, orgId: string): Promise<Set<string>> {
  const rows = await reader(db).selectFrom("scope_elements").select("id").where("org_id", "=", orgId).where("in_scope", "=", 0).execute();
  return new Set(rows.map((r) => r.id));
}

export async function isScopeElement(db: Db | WriteContext, orgId: string, id: string): Promise<boolean> {
  const row = await reader(db)
    .selectFrom("scope_elements")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}
