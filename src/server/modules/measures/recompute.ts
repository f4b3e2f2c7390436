import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, updateAudited, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { computeBuiltins } from "./builtins.js";
import { periodStart, VALUE } from "./measures.repo.js";

/**
 * Computes the built-in measures an organization has defined and stores each as the value of
 * the period that holds `today` (replacing that period's earlier computation), in one audited
 * transaction. Used by the recompute route and the daily job.
 */
export async function recomputeBuiltins(db: Db, orgId: string, today: string, meta: WriteMeta) {
  const measures = await db.kysely
    .selectFrom("measures")
    .select(["id", "ref", "builtin_key", "frequency", "interval", "start_date"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "builtin")
    .orderBy("number")
    .execute();
  if (measures.length === 0) return { period: today, computed: [] };
  const results = await computeBuiltins(db, orgId, today);
  return withWrite(db, meta, async (ctx) => {
    const computed: { measureId: string; ref: string; value: number | null; reason: string | null }[] = [];
    for (const m of measures) {
      const result = results.get(m.builtin_key ?? "") ?? { value: null, reason: "this built-in measure is not installed" };
      const period = periodStart(m, today) ?? today;
      const existing = await ctx.trx
        .selectFrom("measure_values")
        .select(["id", "version", "value", "reason"])
        .where("measure_id", "=", m.id)
        .where("period", "=", period)
        .executeTakeFirst();
      if (!existing) {
        await insertAudited(
          ctx,
          "measure_values",
          {
            id: uuidv7(),
            org_id: orgId,
            measure_id: m.id,
            period,
            value: result.value,
            reason: result.reason,
            note: null,
            source: "computed",
            recorded_by: null,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          },
          { orgId, entityType: VALUE },
        );
      } else if (existing.value !== result.value || existing.reason !== result.reason) {
        await updateAudited(
          ctx,
          "measure_values",
          existing.id,
          { value: result.value, reason: result.reason },
          {
            orgId,
            entityType: VALUE,
            expectedVersion: existing.version,
            scope: { org_id: orgId },
          },
        );
      }
      computed.push({ measureId: m.id, ref: m.ref, ...result });
    }
    return { period: today, computed };
  });
}
