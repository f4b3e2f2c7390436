import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";

/** Document reviews due on or before `until` (YYYY-MM-DD): every register entry that is not retired. */
export async function dueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const rows = await db.kysely
    .selectFrom("documents")
    .select(["id", "identifier", "title", "next_review_date", "owner_user_id"])
    .where("org_id", "=", orgId)
    .where("retired_at", "is", null)
    .where("next_review_date", "<=", until)
    .orderBy("next_review_date")
    .orderBy("identifier")
    .execute();
  return rows.map((r) => ({
    kind: "document-review",
    id: r.id,
    reference: r.identifier,
    title: `Review ${r.title}`,
    due: r.next_review_date,
    ownerId: r.owner_user_id,
    path: `/documents/${r.id}`,
  }));
}
