import { uuidv7 } from "../../../core/ids.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { ActivityStatesTable } from "../../db/schema.js";

/** The activities the organization decided do not apply to it, each with its justification. */
export async function notApplicableActivities(db: Db | WriteContext, orgId: string): Promise<Map<string, string>> {
  const states = await reader(db)
    .selectFrom("activity_states")
    .select(["activity_id", "na_justification"])
    .where("org_id", "=", orgId)
    .execute();
  // A row whose justification was emptied decides nothing.
  return new Map(states.flatMap((s) => (s.na_justification ? [[s.activity_id, s.na_justification] as const] : [])));
}

/** The organization's recorded state of one activity, if it has one. */
async function activityStateOf(db: Db | WriteContext, orgId: string, activityId: string): Promise<ActivityStatesTable | undefined> {
  return reader(db)
    .selectFrom("activity_states")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("activity_id", "=", activityId)
    .executeTakeFirst();
}

/** Records (or replaces) the decision that an activity does not apply, with its justification. */
export async function markNotApplicable(ctx: WriteContext, orgId: string, activityId: string, justification: string): Promise<void> {
  const existing = await activityStateOf(ctx, orgId, activityId);
  const audit = { orgId, entityType: "activity", action: "activity.not_applicable" };
  if (existing) {
    await updateAudited(ctx, "activity_states", existing.id, { na_justification: justification }, audit);
    return;
  }
  const row = {
    id: uuidv7(),
    org_id: orgId,
    activity_id: activityId,
    na_justification: justification,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "activity_states", row, audit);
}

/** Withdraws the not-applicable decision on an activity; false when there was none to withdraw. */
export async function clearNotApplicable(ctx: WriteContext, orgId: string, activityId: string): Promise<boolean> {
  const existing = await activityStateOf(ctx, orgId, activityId);
  if (!existing) return false;
  await deleteAudited(ctx, "activity_states", existing.id, { orgId, entityType: "activity", action: "activity.applicable" });
  return true;
}
