import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";

/** How a person is named on a decision they took: their display name, as it was then. */
export async function personLabel(db: Db | WriteContext, userId: string): Promise<string> {
  const user = await reader(db).selectFrom("users").select(["display_name", "email"]).where("id", "=", userId).executeTakeFirst();
  return user?.display_name || user?.email || "unknown user";
}

/** A member's role in the organization, or null for someone who is not a member. */
export async function memberRole(db: Db | WriteContext, orgId: string, userId: string): Promise<string | null> {
  const row = await reader(db)
    .selectFrom("memberships")
    .select("role")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role ?? null;
}
