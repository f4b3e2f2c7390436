import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";

/** Audits planned to start by `until` whose report is not issued yet, for their lead auditors. */
export async function dueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const rows = await db.kysely
    .selectFrom("audits")
    .select(["id", "ref", "title", "start_date", "end_date", "lead_auditor_id"])
    .where("org_id", "=", orgId)
    .where("report_issued_at", "is", null)
    .where("start_date", "is not", null)
    .where("start_date", "<=", until)
    .orderBy("start_date")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    kind: "audit",
    id: r.id,
    reference: r.ref,
    title: r.title,
    due: r.end_date ?? (r.start_date as string),
    ownerId: r.lead_auditor_id,
    path: `/audits/${r.id}`,
  }));
}
