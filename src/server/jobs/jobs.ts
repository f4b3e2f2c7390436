import type { Db } from "../db/database.js";
import { recomputeBuiltins } from "../modules/measures/index.js";
import { dailySlot, type PeriodicJob } from "./runner.js";

/** Recomputes every organization's built-in measures for the day (02:15 UTC). */
export const recomputeMeasures: PeriodicJob = {
  name: "recompute-measures",
  cron: "15 2 * * *",
  slot: dailySlot,
  async run(db: Db) {
    const day = dailySlot(new Date());
    const orgs = await db.kysely.selectFrom("measures").select("org_id").where("kind", "=", "builtin").distinct().execute();
    let values = 0;
    for (const { org_id } of orgs) {
      const result = await recomputeBuiltins(db, org_id, day, { actor: { type: "system", id: null }, requestId: null, ip: null });
      values += result.computed.length;
    }
    return `${values} built-in measure value(s) in ${orgs.length} organization(s)`;
  },
};

/** Every periodic job of the product; an area adds its own here. */
export const JOBS: readonly PeriodicJob[] = [recomputeMeasures];
