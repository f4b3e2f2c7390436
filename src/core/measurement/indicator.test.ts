import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criteriaProblems, crossings, type DecisionCriteria, indicatorStatus, statusText } from "./indicator.js";

describe("decision criteria", () => {
  const coverage: DecisionCriteria = { direction: "higher_is_better", onTarget: 90, act: 75 };
  const overdue: DecisionCriteria = { direction: "lower_is_better", onTarget: 0, act: 5 };
  it("says on target, watch or act in either direction", () => {
    expect([95, 90, 80, 75, 74].map((v) => indicatorStatus(v, coverage))).toEqual(["on_target", "on_target", "watch", "watch", "act"]);
    expect([0, 3, 5, 6].map((v) => indicatorStatus(v, overdue))).toEqual(["on_target", "watch", "watch", "act"]);
    expect(criteriaProblems({ direction: "higher_is_better", onTarget: 50, act: 60 })).toEqual([
      { field: "act", message: "must not be above the on-target threshold when higher is better" },
    ]);
    expect(criteriaProblems(overdue)).toEqual([]);
  });
  it("finds where a trend crosses a threshold", () => {
    const series = [
      { period: "2026-01-01", value: 92 },
      { period: "2026-02-01", value: null },
      { period: "2026-03-01", value: 70 },
    ];
    expect(crossings(series, coverage)).toEqual([{ period: "2026-03-01", from: "on_target", to: "act" }]);
  });
  it("is monotone: a better value never has a worse status", () => {
    const rank = { act: 0, watch: 1, on_target: 2 };
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        (a, b, x, y) => {
          const c: DecisionCriteria = { direction: "higher_is_better", onTarget: Math.max(a, b), act: Math.min(a, b) };
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(rank[indicatorStatus(hi, c)]).toBeGreaterThanOrEqual(rank[indicatorStatus(lo, c)]);
        },
      ),
    );
  });
});

describe("what a point's status reads as (issue 11)", () => {
  const criteria = { onTarget: 90, act: 70 };
  it("names the status, and says why there is none: no value, or a value but no criteria", () => {
    expect(statusText("on_target", 95, criteria)).toBe("On target");
    expect(statusText("act", 10, criteria)).toBe("Act");
    expect(statusText(null, null, criteria)).toBe("no value");
    expect(statusText(undefined, undefined, { onTarget: null, act: null })).toBe("no value");
    expect(statusText(null, 95, { onTarget: null, act: null })).toBe("no criteria");
    expect(statusText(null, 95, { onTarget: 90, act: null })).toBe("no criteria");
    expect(statusText(null, 0, { onTarget: null, act: 10 })).toBe("no criteria");
  });
});
