import type { DueItem } from "../../../core/work/due.js";
import { endedPeriods, periodOf } from "../../../core/work/recurrence.js";
import type { Db } from "../../db/database.js";
import { today } from "../risks/index.js";
import { scheduleOf } from "./measures.repo.js";

/** How many ended periods back a missing value still counts as an overdue collection. */
export const OVERDUE_PERIODS = 3;

/**
 * Data collections of base measures: each period's value is due when the period ends. A period
 * that ended without a value is overdue (the last few are listed); the current one is due at its
 * end, when that falls on or before `until`.
 */
export async function dueItems(db: Db, orgId: string, until: string, now = today()): Promise<DueItem[]> {
  const k = db.kysely;
  const [measures, values] = await Promise.all([
    k
      .selectFrom("measures")
      .select(["id", "ref", "title", "frequency", "interval", "start_date", "owner_user_id"])
      .where("org_id", "=", orgId)
      .where("kind", "=", "base")
      .where("frequency", "is not", null)
      .execute(),
    k
      .selectFrom("measure_values as v")
      .innerJoin("measures as m", "m.id", "v.measure_id")
      .select(["v.measure_id", "v.period"])
      .where("v.org_id", "=", orgId)
      .where("m.kind", "=", "base")
      .execute(),
  ]);
  const collected = new Set(values.map((v) => `${v.measure_id}|${v.period}`));
  const items: DueItem[] = [];
  for (const m of measures) {
    const schedule = scheduleOf(m);
    if (!schedule) continue;
    const periods = [...endedPeriods(schedule, now, OVERDUE_PERIODS)];
    const current = periodOf(schedule, now);
    if (current && current.end <= until) periods.push(current);
    for (const p of periods) {
      if (collected.has(`${m.id}|${p.start}`)) continue;
      items.push({
        kind: "measure_collection",
        id: `${m.id}:${p.start}`,
        reference: m.ref,
        title: `Collect "${m.title}" for the period from ${p.start}`,
        due: p.end,
        ownerId: m.owner_user_id,
        path: `measures/${m.id}`,
      });
    }
  }
  return items;
}
