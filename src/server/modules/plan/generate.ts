import type { WriteContext } from "../../db/audited.js";
import { computeCurrentSoa } from "../soa/index.js";
import { createTask, loadTasks } from "./plan.repo.js";

/**
 * One task for each SoA-included control not yet implemented, each phase 1 milestone and each
 * open risk treatment that has no task yet, so one plan holds all the work. Owners and dates
 * are taken from the source where it has them.
 */
export async function generateTasks(ctx: WriteContext, orgId: string, from: readonly ("controls" | "milestones" | "risks")[]) {
  const { tasks } = await loadTasks(ctx, orgId);
  const has = new Set(tasks.filter((t) => t.source_id).map((t) => `${t.source}:${t.source_id}`));
  const created: string[] = [];
  const base = {
    description: null,
    ownerUserId: null,
    effortDays: null,
    cost: null,
    startDate: null,
    dueDate: null,
    milestone: false,
    status: "planned" as const,
    deliverables: [],
    predecessors: [],
  };
  if (from.includes("controls")) {
    const { rows } = await computeCurrentSoa(ctx, orgId);
    for (const r of rows) {
      if (r.applicable !== true || r.implementation === "implemented" || has.has(`control:${r.control.id}`)) continue;
      created.push(
        await createTask(ctx, orgId, {
          ...base,
          title: `Implement ${r.control.ref} ${r.control.title}`,
          source: "control",
          sourceId: r.control.id,
          effortDays: 2,
        }),
      );
    }
  }
  if (from.includes("milestones")) {
    const milestones = await ctx.trx.selectFrom("milestones").selectAll().where("org_id", "=", orgId).orderBy("created_at").execute();
    for (const m of milestones) {
      if (has.has(`milestone:${m.id}`)) continue;
      created.push(
        await createTask(ctx, orgId, {
          ...base,
          title: m.title,
          source: "milestone",
          sourceId: m.id,
          milestone: true,
          dueDate: m.due_date,
          status: m.done ? "verified" : "planned",
        }),
      );
    }
  }
  if (from.includes("risks")) {
    const risks = await ctx.trx
      .selectFrom("risks")
      .select(["id", "ref", "title", "treatment", "treatment_due", "owner_user_id"])
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .where("treatment", "is not", null)
      .orderBy("number")
      .execute();
    for (const r of risks) {
      if (has.has(`risk:${r.id}`)) continue;
      created.push(
        await createTask(ctx, orgId, {
          ...base,
          title: `Treat ${r.ref} ${r.title}`,
          source: "risk",
          sourceId: r.id,
          dueDate: r.treatment_due,
          ownerUserId: r.owner_user_id,
        }),
      );
    }
  }
  return created;
}
