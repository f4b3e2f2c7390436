import type { Db } from "../../db/database.js";
import { loadTasks } from "./plan.repo.js";

/**
 * Gate G4 approves the final ISMS project plan together with the ISMS design. Its artifact is
 * declared part by part: each part is a key of the snapshot and a builder. The plan and its
 * calendar are here; the security organization, the document register and the policy set add
 * their own part (one line each) when they arrive, and G4 goes stale when any of them changes.
 * Every list inside carries a stable id, so the change list names the record and the field.
 */
export interface G4Part {
  key: string;
  build(db: Db, orgId: string): Promise<unknown>;
}

/** The plan as approved: what is planned, by whom, when, at what cost and in what order. Progress (status) is left out: it moves every week without changing the plan. */
async function planPart(db: Db, orgId: string) {
  const { tasks, links } = await loadTasks(db, orgId);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return tasks.map((t) => ({
    id: t.id,
    ref: t.ref,
    title: t.title,
    description: t.description,
    source: t.source,
    sourceId: t.source_id,
    owner: t.owner_user_id,
    effortDays: t.effort_days === null ? null : Number(t.effort_days),
    cost: t.cost === null ? null : Number(t.cost),
    startDate: t.start_date,
    dueDate: t.due_date,
    milestone: t.milestone === 1,
    deliverables: JSON.parse(t.deliverables) as string[],
    predecessors: links
      .filter((l) => l.successor_id === t.id)
      .map((l) => ({
        id: l.predecessor_id,
        ref: byId.get(l.predecessor_id)?.ref ?? null,
        title: byId.get(l.predecessor_id)?.title ?? null,
        lagDays: l.lag_days,
      })),
  }));
}

async function calendarPart(db: Db, orgId: string) {
  const row = await db.kysely.selectFrom("plan_settings").selectAll().where("id", "=", orgId).executeTakeFirst();
  return { weekends: row ? (JSON.parse(row.weekends) as number[]) : [0, 6], holidays: row ? (JSON.parse(row.holidays) as string[]) : [] };
}

/** The parts of G4's artifact, in order. Merge point: organization, documents and policies append theirs here. */
export const G4_PARTS: G4Part[] = [
  { key: "tasks", build: planPart },
  { key: "calendar", build: calendarPart },
];

export async function g4Artifact(db: Db, orgId: string): Promise<Record<string, unknown>> {
  const parts = await Promise.all(G4_PARTS.map(async (p) => [p.key, await p.build(db, orgId)] as const));
  return Object.fromEntries(parts);
}
