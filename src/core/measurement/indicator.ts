/**
 * An indicator's decision criteria: where a value is on target, worth watching, or calls for
 * action. Which way is good depends on the measure (coverage: higher; overdue items: lower).
 */
export const DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const STATUSES = ["on_target", "watch", "act"] as const;
export type IndicatorStatus = (typeof STATUSES)[number];

export interface DecisionCriteria {
  direction: Direction;
  /** At or beyond this (in the good direction) the value is on target. */
  onTarget: number;
  /** Beyond this (in the bad direction) action is needed; between the two, watch. */
  act: number;
}

export const STATUS_LABELS: Record<IndicatorStatus, string> = { on_target: "On target", watch: "Watch", act: "Act" };

/** Problems of the criteria, by field: the act threshold must lie on the bad side of the on-target one. */
export function criteriaProblems(c: DecisionCriteria, prefix = ""): { field: string; message: string }[] {
  const bad =
    c.direction === "higher_is_better"
      ? c.act > c.onTarget
        ? "must not be above the on-target threshold when higher is better"
        : null
      : c.act < c.onTarget
        ? "must not be below the on-target threshold when lower is better"
        : null;
  return bad ? [{ field: `${prefix}act`, message: bad }] : [];
}

/**
 * What a point's status reads as: its label, or why it has none. A value without decision
 * criteria has "no criteria" (it was measured, there is nothing to read it by), not "no value".
 */
export function statusText(
  status: IndicatorStatus | null | undefined,
  value: number | null | undefined,
  criteria: { onTarget: number | null; act: number | null },
): string {
  if (status) return STATUS_LABELS[status];
  if (value === null || value === undefined) return "no value";
  return criteria.onTarget === null || criteria.act === null ? "no criteria" : "no status";
}

export function indicatorStatus(value: number, c: DecisionCriteria): IndicatorStatus {
  if (c.direction === "higher_is_better") return value >= c.onTarget ? "on_target" : value < c.act ? "act" : "watch";
  return value <= c.onTarget ? "on_target" : value > c.act ? "act" : "watch";
}

/** The points where the status changed between consecutive values, e.g. a trend crossing into "act". */
export function crossings(series: readonly { period: string; value: number | null }[], c: DecisionCriteria) {
  const out: { period: string; from: IndicatorStatus; to: IndicatorStatus }[] = [];
  let previous: IndicatorStatus | null = null;
  for (const point of series) {
    if (point.value === null) continue;
    const status = indicatorStatus(point.value, c);
    if (previous && status !== previous) out.push({ period: point.period, from: previous, to: status });
    previous = status;
  }
  return out;
}
