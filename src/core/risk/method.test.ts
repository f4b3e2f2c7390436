import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptanceRule,
  DEFAULT_RISK_METHOD,
  isValidScore,
  methodProblems,
  methodWarnings,
  needsAcceptance,
  type RiskMethod,
  riskLevel,
} from "./method.js";

const copy = (): RiskMethod => structuredClone(DEFAULT_RISK_METHOD);
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe("DEFAULT_RISK_METHOD", () => {
  it("has no problems and no warnings", () => {
    expect(methodProblems(DEFAULT_RISK_METHOD)).toEqual([]);
    expect(methodWarnings(DEFAULT_RISK_METHOD)).toEqual([]);
  });

  it("follows the 5 × 5 method of risk.md", () => {
    const m = DEFAULT_RISK_METHOD;
    expect(m.likelihood.map((l) => l.name.toLowerCase())).toEqual(["rare", "unlikely", "possible", "likely", "almost certain"]);
    expect(m.impact.map((l) => l.name.toLowerCase())).toEqual(["negligible", "minor", "moderate", "major", "severe"]);
    expect(m.levels.map((l) => l.name.toLowerCase())).toEqual(["very low", "low", "medium", "high", "very high"]);
    expect(m.threshold).toBe(1);
    expect(m.acceptance.map((a) => a.authority)).toEqual(["risk_owner", "risk_owner", "isms_manager", "top_management", "top_management"]);
    expect(m.acceptance.map((a) => a.maxMonths)).toEqual([null, null, 12, 12, 12]);
  });

  it("has contiguous numeric bounds on both scales", () => {
    for (const scale of [DEFAULT_RISK_METHOD.likelihood, DEFAULT_RISK_METHOD.impact]) {
      for (let i = 1; i < scale.length; i++) expect(scale[i]!.lower).toBe(scale[i - 1]!.upper);
    }
  });
});

describe("riskLevel", () => {
  it("reads the default grid", () => {
    const m = DEFAULT_RISK_METHOD;
    expect(riskLevel(m, 1, 1)).toBe(0);
    expect(riskLevel(m, 1, 5)).toBe(1);
    expect(riskLevel(m, 3, 3)).toBe(2);
    expect(riskLevel(m, 4, 4)).toBe(3);
    expect(riskLevel(m, 5, 1)).toBe(2);
    expect(riskLevel(m, 5, 5)).toBe(4);
    expect(riskLevel(m, 2, 4)).toBe(2);
  });

  it("never decreases with likelihood or impact on the default grid", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (l, i) => {
        const level = riskLevel(DEFAULT_RISK_METHOD, l, i);
        if (l < 5) expect(riskLevel(DEFAULT_RISK_METHOD, l + 1, i)).toBeGreaterThanOrEqual(level);
        if (i < 5) expect(riskLevel(DEFAULT_RISK_METHOD, l, i + 1)).toBeGreaterThanOrEqual(level);
      }),
    );
  });

  it("throws RangeError for scores off the scale", () => {
    for (const [l, i] of [
      [0, 1],
      [6, 1],
      [1, 0],
      [1, 6],
      [2.5, 1],
      [Number.NaN, 1],
    ] as const) {
      expect(() => riskLevel(DEFAULT_RISK_METHOD, l, i)).toThrow(RangeError);
    }
  });
});

describe("isValidScore", () => {
  it("accepts whole numbers within the scale only", () => {
    expect(isValidScore(DEFAULT_RISK_METHOD, "likelihood", 1)).toBe(true);
    expect(isValidScore(DEFAULT_RISK_METHOD, "impact", 5)).toBe(true);
    expect(isValidScore(DEFAULT_RISK_METHOD, "impact", 6)).toBe(false);
    expect(isValidScore(DEFAULT_RISK_METHOD, "likelihood", 0)).toBe(false);
    expect(isValidScore(DEFAULT_RISK_METHOD, "likelihood", 1.5)).toBe(false);
  });
});

describe("needsAcceptance and acceptanceRule", () => {
  it("requires acceptance only above the threshold", () => {
    expect([0, 1, 2, 3, 4].map((l) => needsAcceptance(DEFAULT_RISK_METHOD, l))).toEqual([false, false, true, true, true]);
  });

  it("names who accepts each level", () => {
    expect(acceptanceRule(DEFAULT_RISK_METHOD, 2)).toEqual({ authority: "isms_manager", maxMonths: 12 });
    expect(acceptanceRule(DEFAULT_RISK_METHOD, 4).authority).toBe("top_management");
    expect(() => acceptanceRule(DEFAULT_RISK_METHOD, 5)).toThrow(RangeError);
    expect(() => acceptanceRule(DEFAULT_RISK_METHOD, -1)).toThrow(RangeError);
  });
});

describe("methodProblems", () => {
  it("reports a grid with the wrong number of rows", () => {
    const m = copy();
    m.grid.pop();
    expect(paths(methodProblems(m))).toEqual(["grid"]);
  });

  it("reports a row with the wrong number of cells", () => {
    const m = copy();
    m.grid[2]!.push(1);
    expect(paths(methodProblems(m))).toEqual(["grid[2]"]);
  });

  it("reports non-integer and unknown level indexes, naming the cell", () => {
    const m = copy();
    m.grid[2]![4] = 5;
    m.grid[0]![1] = 0.5;
    m.grid[1]![1] = -1;
    expect(paths(methodProblems(m)).sort()).toEqual(["grid[0][1]", "grid[1][1]", "grid[2][4]"]);
  });

  it("reports a threshold out of range", () => {
    for (const threshold of [-1, 5, 1.5]) {
      const m = copy();
      m.threshold = threshold;
      expect(paths(methodProblems(m))).toEqual(["threshold"]);
    }
  });

  it("reports acceptance rules that do not match the levels", () => {
    const m = copy();
    m.acceptance.pop();
    expect(paths(methodProblems(m))).toEqual(["acceptance"]);
  });

  it("reports a maxMonths that is not a positive whole number", () => {
    const m = copy();
    m.acceptance[3]!.maxMonths = 0;
    m.acceptance[4]!.maxMonths = 1.5;
    expect(paths(methodProblems(m))).toEqual(["acceptance[3].maxMonths", "acceptance[4].maxMonths"]);
  });

  it("reports an unknown authority", () => {
    const m = copy();
    (m.acceptance[0] as { authority: string }).authority = "cfo";
    expect(paths(methodProblems(m))).toEqual(["acceptance[0].authority"]);
  });

  it("reports empty and duplicate names", () => {
    const m = copy();
    m.likelihood[1]!.name = "  ";
    m.impact[4]!.name = "minor";
    m.levels[2]!.name = "";
    expect(paths(methodProblems(m))).toEqual(["likelihood[1].name", "impact[4].name", "levels[2].name"]);
    expect(methodProblems(m)[1]!.message).toContain("twice");
  });

  it("reports bad colours", () => {
    const m = copy();
    m.likelihood[0]!.colour = "green";
    m.levels[4]!.colour = "#fff";
    expect(paths(methodProblems(m))).toEqual(["likelihood[0].colour", "levels[4].colour"]);
  });

  it("reports a lower bound above the upper bound and non-finite bounds", () => {
    const m = copy();
    m.impact[1]!.lower = 500_000;
    m.likelihood[0]!.upper = Number.POSITIVE_INFINITY;
    expect(paths(methodProblems(m))).toEqual(["likelihood[0].upper", "impact[1]"]);
  });

  it("reports scales and level lists outside 2..10 entries", () => {
    const m = copy();
    m.likelihood = [m.likelihood[0]!];
    m.grid = [m.grid[0]!];
    const levels = paths(methodProblems(m));
    expect(levels).toEqual(["likelihood"]);

    const big = copy();
    big.impact = Array.from({ length: 11 }, (_, i) => ({ name: `I${i}`, description: "", colour: "#000000", lower: null, upper: null }));
    big.grid = big.grid.map(() => Array.from({ length: 11 }, () => 0));
    expect(paths(methodProblems(big))).toEqual(["impact"]);
  });

  it("reports every problem at once", () => {
    const m = copy();
    m.grid[2]![4] = 9;
    m.grid[4]!.pop();
    m.threshold = 7;
    m.acceptance[2]!.maxMonths = -3;
    m.levels[0]!.colour = "red";
    m.impact[0]!.name = "";
    const found = paths(methodProblems(m));
    expect(found).toEqual(
      expect.arrayContaining(["grid[2][4]", "grid[4]", "threshold", "acceptance[2].maxMonths", "levels[0].colour", "impact[0].name"]),
    );
    expect(found).toHaveLength(6);
    for (const issue of methodProblems(m)) expect(issue.message.length).toBeGreaterThan(10);
  });

  it("does not require stronger authority for higher levels", () => {
    const m = copy();
    m.acceptance[4] = { authority: "risk_owner", maxMonths: null };
    expect(methodProblems(m)).toEqual([]);
  });
});

describe("methodWarnings", () => {
  it("names cells lower than their left or upper neighbour", () => {
    const m = copy();
    m.grid[3]![3] = 1; // left neighbour (3,2) is 2, upper neighbour (2,3) is 3
    const warnings = methodWarnings(m);
    expect(paths(warnings)).toEqual(["grid[3][3]", "grid[3][3]"]);
    expect(warnings[0]!.message).toContain("likelihood 4, impact 4");
    expect(warnings[0]!.message).toContain("likelihood 4, impact 3");
    expect(warnings[1]!.message).toContain("likelihood 3, impact 4");
  });

  it("names a level that no cell reaches", () => {
    const m = copy();
    m.grid = m.grid.map((row) => row.map((v) => (v === 4 ? 3 : v)));
    expect(methodWarnings(m)).toEqual([{ path: "levels[4]", message: expect.stringContaining("Very high") }]);
  });

  it("stays quiet about monotonic grids built at random", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
        (steps) => {
          // Cumulative steps along both axes give a monotonic grid.
          const grid = steps.map((row) => row.map(() => 0));
          for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 4; j++) {
              const left = j > 0 ? grid[i]![j - 1]! : 0;
              const up = i > 0 ? grid[i - 1]![j]! : 0;
              grid[i]![j] = Math.min(9, Math.max(left, up) + steps[i]![j]!);
            }
          }
          const m: RiskMethod = { ...copy(), grid };
          expect(methodWarnings(m).filter((w) => w.path.startsWith("grid"))).toEqual([]);
        },
      ),
    );
  });
});
