import { nextReviewDate } from "../../../core/management-review/topics.js";
import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";

/**
 * Management reviews due by `until`: planned ones not yet approved, the next review after the
 * latest approved one (at its frequency) when none is planned after it, and open review actions.
 */
export async function dueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const k = db.kysely;
  const [reviews, actions] = await Promise.all([
    k.selectFrom("management_reviews").selectAll().where("org_id", "=", orgId).orderBy("planned_date").orderBy("id").execute(),
    k
      .selectFrom("review_outputs as o")
      .innerJoin("management_reviews as r", "r.id", "o.review_id")
      .select(["o.id", "o.title", "o.due_date", "o.owner_user_id", "r.id as review_id", "r.ref"])
      .where("o.org_id", "=", orgId)
      .where("o.kind", "=", "action")
      .where("o.status", "=", "open")
      .where("o.due_date", "<=", until)
      .execute(),
  ]);
  const items: DueItem[] = reviews
    .filter((r) => r.status !== "approved" && r.planned_date !== null && r.planned_date <= until)
    .map((r) => ({
      kind: "management-review",
      id: r.id,
      reference: r.ref,
      title: r.title,
      due: r.planned_date as string,
      ownerId: null,
      path: `/management-reviews/${r.id}`,
    }));
  const approved = reviews.filter((r) => r.status === "approved" && r.planned_date && r.frequency_months);
  const last = approved.at(-1);
  if (last && !reviews.some((r) => r.status !== "approved" && (r.planned_date ?? "") > (last.planned_date ?? ""))) {
    const next = nextReviewDate(last.planned_date as string, last.frequency_months as number);
    if (next <= until)
      items.push({
        kind: "management-review",
        id: last.id,
        reference: `${last.ref} next`,
        title: `Next management review after ${last.ref}`,
        due: next,
        ownerId: null,
        path: "/management-reviews",
      });
  }
  for (const a of actions)
    items.push({
      kind: "review-action",
      id: a.id,
      reference: a.ref,
      title: a.title,
      due: a.due_date as string,
      ownerId: a.owner_user_id,
      path: `/management-reviews/${a.review_id}`,
    });
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}
