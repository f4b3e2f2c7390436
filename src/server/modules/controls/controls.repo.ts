import type { Control } from "../../../contracts/soa.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { iso27001Reference } from "../gap/index.js";
// The risk module's tables (custom_controls) come with its public surface.
import type {} from "../risks/index.js";

/** Every control a risk can be treated with: ISO/IEC 27001:2022 Annex A, then the organization's own. */
export async function listControls(db: Db | WriteContext, orgId: string): Promise<Control[]> {
  const custom = await reader(db)
    .selectFrom("custom_controls")
    .select(["id", "ref", "title", "category"])
    .where("org_id", "=", orgId)
    .orderBy("ref")
    .execute();
  return [
    ...iso27001Reference().reference.controls.map(
      (c): Control => ({ id: c.id, source: "annex-a", ref: c.id, title: c.title, group: c.theme }),
    ),
    ...custom.map((c): Control => ({ id: c.id, source: "custom", ref: c.ref, title: c.title, group: c.category })),
  ];
}

/** The ids among `ids` that name no control of the organization. */
export async function unknownControls(db: Db | WriteContext, orgId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const annexA = new Set(iso27001Reference().reference.controls.map((c) => c.id));
  const rest = ids.filter((id) => !annexA.has(id));
  if (rest.length === 0) return [];
  const found = await reader(db).selectFrom("custom_controls").select("id").where("org_id", "=", orgId).where("id", "in", rest).execute();
  const known = new Set(found.map((r) => r.id));
  return rest.filter((id) => !known.has(id));
}

/** The id of the organization's custom control with the identifier `ref`, if there is one. */
export async function customControlIdWithRef(db: Db | WriteContext, orgId: string, ref: string): Promise<string | undefined> {
  const row = await reader(db)
    .selectFrom("custom_controls")
    .select("id")
    .where("org_id", "=", orgId)
    .where("ref", "=", ref)
    .executeTakeFirst();
  return row?.id;
}

/** The references of the first `limit` risks (by number) whose treatment uses the control. */
export async function riskRefsTreatedWith(db: Db | WriteContext, orgId: string, controlId: string, limit: number): Promise<string[]> {
  const rows = await reader(db)
    .selectFrom("risk_controls as c")
    .innerJoin("risks as r", "r.id", "c.risk_id")
    .select("r.ref")
    .where("c.org_id", "=", orgId)
    .where("c.control_id", "=", controlId)
    .orderBy("r.number")
    .limit(limit)
    .execute();
  return rows.map((r) => r.ref);
}
