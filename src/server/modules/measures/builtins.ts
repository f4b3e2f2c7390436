import { sql } from "kysely";
import { addDays } from "../../../core/dates.js";
import type { Direction } from "../../../core/measurement/indicator.js";
import { summarizeSoa } from "../../../core/soa/soa.js";
import type { Db } from "../../db/database.js";
import { auditProgrammeCoverage } from "../audit-programme/index.js";
import "../documents/index.js";
import "../risks/index.js";
import { loadMethods } from "../risk-method/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { trainingCoverageOf } from "../training/index.js";

/** A computed value, or no value with the reason (never NaN). */
export interface BuiltinResult {
  value: number | null;
  reason: string | null;
}

/**
 * A measure the product computes from its own registers. The list is declarative: an area adds
 * its own (audit programme coverage, open nonconformities by age, …) by adding an entry here,
 * and the measures page, the recompute route and the daily job pick it up.
 */
export interface BuiltinMeasure {
  key: string;
  title: string;
  unit: string;
  direction: Direction;
  description: string;
  compute(db: Db, orgId: string, today: string): Promise<BuiltinResult>;
}

const value = (v: number): BuiltinResult => ({ value: v, reason: null });
const none = (reason: string): BuiltinResult => ({ value: null, reason });
const count = (rows: { n: number | string | bigint | null }[]) => Number(rows[0]?.n ?? 0);

export const BUILTIN_MEASURES: BuiltinMeasure[] = [
  {
    key: "controls-implemented",
    title: "Included controls implemented",
    unit: "%",
    direction: "higher_is_better",
    description: "Share of the controls the Statement of Applicability includes whose implementation is complete.",
    async compute(db, orgId) {
      const summary = summarizeSoa((await computeCurrentSoa(db, orgId)).rows);
      if (summary.applicable === 0) return none("no control is included in the Statement of Applicability yet");
      return value((summary.implemented / summary.applicable) * 100);
    },
  },
  {
    key: "risks-above-threshold",
    title: "Open risks above the acceptance threshold",
    unit: "risks",
    direction: "lower_is_better",
    description:
      "Open risks whose remaining level (residual, else current, else inherent) is above the risk method's acceptance threshold.",
    async compute(db, orgId) {
      const methods = await loadMethods(db, orgId);
      if (!methods.inForce) return none("no risk method is in force");
      const rows = await db.kysely
        .selectFrom("risks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", orgId)
        .where("status", "=", "open")
        .where(sql<number>`coalesce(residual_level, current_level, inherent_level)`, ">", methods.inForce.method.threshold)
        .execute();
      return value(count(rows));
    },
  },
  {
    key: "expired-acceptances",
    title: "Expired risk acceptances",
    unit: "risks",
    direction: "lower_is_better",
    description: "Open risks whose latest acceptance of the residual risk has run out.",
    async compute(db, orgId, today) {
      const rows = await db.kysely
        .selectFrom("risk_decisions as d")
        .innerJoin("risks as r", "r.id", "d.risk_id")
        .select(sql<number>`count(distinct d.risk_id)`.as("n"))
        .where("d.org_id", "=", orgId)
        .where("r.status", "=", "open")
        .where("d.kind", "=", "acceptance")
        .where("d.revoked_at", "is", null)
        .where("d.expires_on", "<", today)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("risk_decisions as later")
                .select("later.id")
                .whereRef("later.risk_id", "=", "d.risk_id")
                .where("later.kind", "=", "acceptance")
                .whereRef("later.created_at", ">", "d.created_at"),
            ),
          ),
        )
        .execute();
      return value(count(rows));
    },
  },
  {
    key: "overdue-reviews",
    title: "Overdue reviews",
    unit: "reviews",
    direction: "lower_is_better",
    description: "Open risks and controlled documents whose review date has passed.",
    async compute(db, orgId, today) {
      const [risks, documents] = await Promise.all([
        db.kysely
          .selectFrom("risks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", orgId)
          .where("status", "=", "open")
          .where("review_date", "<", today)
          .execute(),
        db.kysely
          .selectFrom("documents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", orgId)
          .where("retired_at", "is", null)
          .where("next_review_date", "<", today)
          .execute(),
      ]);
      return value(count(risks) + count(documents));
    },
  },
  {
    key: "open-nonconformities-30-days",
    title: "Nonconformities open for more than 30 days",
    unit: "nonconformities",
    direction: "lower_is_better",
    description: "Nonconformities still open 30 days or more after they were detected.",
    async compute(db, orgId, today) {
      const rows = await db.kysely
        .selectFrom("nonconformities")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", orgId)
        .where("status", "=", "open")
        .where("detected_on", "<=", addDays(today, -30))
        .execute();
      return value(count(rows));
    },
  },
  {
    key: "training-coverage",
    title: "Training coverage",
    unit: "%",
    direction: "higher_is_better",
    description: "Share of the training the ISMS roles call for that their people have completed and that is still valid.",
    async compute(db, orgId, today) {
      const coverage = await trainingCoverageOf(db, orgId, today);
      return coverage.percent === null
        ? none("no ISMS role calls for a course yet, or the roles have nobody in them")
        : value(coverage.percent);
    },
  },
  {
    key: "audit-programme-coverage",
    title: "Audit programme coverage",
    unit: "%",
    direction: "higher_is_better",
    description: "Share of clauses 4–10 and SoA-included controls covered by the audits of the audit programme's current cycle.",
    async compute(db, orgId, today) {
      const coverage = await auditProgrammeCoverage(db, orgId, today);
      if (!coverage) return none("there is no audit programme yet");
      if (coverage.total === 0) return none(`${coverage.programme} has nothing to cover`);
      return value((coverage.covered / coverage.total) * 100);
    },
  },
];

/** Every built-in measure for one organization, computed in parallel. */
export async function computeBuiltins(db: Db, orgId: string, today: string): Promise<Map<string, BuiltinResult>> {
  const results = await Promise.all(
    BUILTIN_MEASURES.map(async (b): Promise<[string, BuiltinResult]> => {
      const result = await b.compute(db, orgId, today);
      // A computation must never hand on NaN or Infinity.
      return [b.key, result.value !== null && !Number.isFinite(result.value) ? none("the computation gave no finite number") : result];
    }),
  );
  return new Map(results);
}
