import type { PlanData } from "../../../core/plan/rules.js";
import type { TaskSource } from "../../../core/plan/tasks.js";
import { type Implementation, implementationFromTasks, type TaskStatus } from "../../../core/plan/tasks.js";
import { findCycle } from "../../../core/schedule/cpm.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import "./plan.tables.js";

/** Each control's implementation status from its tasks (controls without tasks are absent). */
export async function implementationByControl(db: Db | WriteContext, orgId: string): Promise<Map<string, Implementation>> {
  const rows = await reader(db)
    .selectFrom("plan_tasks")
    .select(["source_id", "status"])
    .where("org_id", "=", orgId)
    .where("source", "=", "control")
    .execute();
  const byControl = new Map<string, TaskStatus[]>();
  for (const r of rows) if (r.source_id) byControl.set(r.source_id, [...(byControl.get(r.source_id) ?? []), r.status as TaskStatus]);
  const out = new Map<string, Implementation>();
  for (const [control, statuses] of byControl) {
    const derived = implementationFromTasks(statuses);
    if (derived) out.set(control, derived);
  }
  return out;
}

/** The plan as the 9.3 and 9.5 completion rules read it; the SoA's included controls come from the caller (already computed for 8.x). */
export async function loadPlanData(
  db: Db,
  orgId: string,
  included: { id: string; ref: string; title: string; implemented: boolean }[],
): Promise<PlanData> {
  const k = db.kysely;
  const [tasks, links, baseline, owners] = await Promise.all([
    k.selectFrom("plan_tasks").selectAll().where("org_id", "=", orgId).orderBy("number").execute(),
    k.selectFrom("plan_dependencies").select(["predecessor_id", "successor_id"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("plan_baselines").select("number").where("org_id", "=", orgId).orderBy("number", "desc").limit(1).executeTakeFirst(),
    k.selectFrom("memberships").select("user_id").where("org_id", "=", orgId).execute(),
  ]);
  const members = new Set(owners.map((o) => o.user_id));
  const cycle = findCycle(
    tasks.map((t) => t.id),
    links.map((l) => ({ from: l.predecessor_id, to: l.successor_id, lag: 0 })),
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return {
    includedControls: included,
    tasks: tasks.map((t) => ({
      id: t.id,
      ref: t.ref,
      title: t.title,
      source: t.source as TaskSource,
      sourceId: t.source_id,
      hasOwner: t.owner_user_id !== null && members.has(t.owner_user_id),
      start: t.start_date,
      due: t.due_date,
      milestone: t.milestone === 1,
      status: t.status as TaskStatus,
    })),
    cycle: cycle ? cycle.map((id) => `${byId.get(id)?.ref} "${byId.get(id)?.title}"`) : null,
    baseline: baseline ? { number: baseline.number } : null,
  };
}
