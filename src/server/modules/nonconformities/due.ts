import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";
import { actionsDue } from "./nonconformities.repo.js";

/** Open corrective actions due by `until` (overdue ones included), for their owners. */
export async function dueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const rows = await actionsDue(db, orgId, until);
  return rows.map((r) => ({
    kind: "corrective-action",
    id: r.id,
    reference: r.nc_ref,
    title: r.title,
    due: r.due_date,
    ownerId: r.owner_user_id,
    path: `/nonconformities/${r.nc_id}`,
  }));
}
