import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateLosses,
  createRng,
  DEFAULT_ITERATIONS,
  DEFAULT_SEED,
  deriveSeed,
  type Estimate,
  estimateProblems,
  pertMean,
  pertVariance,
  QUANT_LIMITS,
  type QuantCase,
  QuantInputError,
  quantCaseProblems,
  quantSpecProblems,
  type SimulationSummary,
  samplePert,
  samplePertExact,
  simulateAggregate,
  simulateCase,
  simulateLosses,
  simulateRegister,
  summarizeBySorting,
  summarizeLosses,
  treatmentValue,
} from "./quant.js";

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const confidenceArb = fc.constantFrom("low" as const, "medium" as const, "high" as const);

/** Estimates with min ≤ mostLikely ≤ max, including degenerate and zero-width ones. */
const estimateArb = (scale: number): fc.Arbitrary<Estimate> =>
  fc
    .tuple(
      fc.double({ min: 0, max: scale, noNaN: true }),
      fc.double({ min: 0, max: scale, noNaN: true }),
      fc.double({ min: 0, max: scale, noNaN: true }),
      confidenceArb,
    )
    .map(([a, b, c, confidence]) => {
      const [min, mostLikely, max] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      return { min, mostLikely, max, confidence };
    });

const caseArb: fc.Arbitrary<QuantCase> = fc.record({ frequency: estimateArb(20), magnitude: estimateArb(1_000_000) });

const PHISHING: QuantCase = {
  frequency: { min: 0.5, mostLikely: 2, max: 6, confidence: "medium" },
  magnitude: { min: 5_000, mostLikely: 40_000, max: 400_000, confidence: "low" },
};

/** Standard error of the mean of a simulation, from its own samples. */
function standardError(losses: Float64Array): number {
  let sum = 0;
  for (const v of losses) sum += v;
  const mean = sum / losses.length;
  let sq = 0;
  for (const v of losses) sq += (v - mean) ** 2;
  return Math.sqrt(sq / (losses.length - 1) / losses.length);
}

function expectOrdered(s: SimulationSummary): void {
  expect(s.min).toBeLessThanOrEqual(s.p50);
  expect(s.p50).toBeLessThanOrEqual(s.p90);
  expect(s.p90).toBeLessThanOrEqual(s.p95);
  expect(s.p95).toBeLessThanOrEqual(s.p99);
  expect(s.p99).toBeLessThanOrEqual(s.max);
  expect(s.ale).toBeGreaterThanOrEqual(s.min * (1 - 1e-12));
  expect(s.ale).toBeLessThanOrEqual(s.max * (1 + 1e-12));
  for (let k = 1; k < s.curve.length; k++) {
    expect(s.curve[k]!.probability).toBeLessThanOrEqual(s.curve[k - 1]!.probability);
    expect(s.curve[k]!.loss).toBeGreaterThan(s.curve[k - 1]!.loss);
  }
}

describe("createRng and deriveSeed", () => {
  it("repeats a stream for a seed and stays in [0, 1)", () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 100; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it("derives distinct seeds for neighbouring cases", () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => deriveSeed(DEFAULT_SEED, i)));
    expect(seeds.size).toBe(10_000);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });
});

describe("PERT sampling", () => {
  it("keeps every sample within [min, max], and returns min when min == max", () => {
    fc.assert(
      fc.property(estimateArb(1_000_000), seedArb, (e, seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = samplePert(rng, e);
          expect(x).toBeGreaterThanOrEqual(e.min);
          expect(x).toBeLessThanOrEqual(e.max);
          const y = samplePertExact(rng, e);
          expect(y).toBeGreaterThanOrEqual(e.min);
          expect(y).toBeLessThanOrEqual(e.max);
        }
      }),
      { numRuns: 50 },
    );
    expect(samplePert(createRng(1), { min: 7, mostLikely: 7, max: 7, confidence: "high" })).toBe(7);
    // 0.1 + (0.3 - 0.1) rounds to 0.30000000000000004: the top of the table must still be max.
    const tight = { min: 0.1, mostLikely: 0.2, max: 0.3, confidence: "low" as const };
    expect(samplePert(() => 1 - 2 ** -53, tight)).toBeLessThanOrEqual(0.3);
    expect(samplePert(() => 0, tight)).toBe(0.1);
  });

  it("has the theoretical PERT mean and variance for each confidence", () => {
    fc.assert(
      fc.property(estimateArb(1000), seedArb, (e, seed) => {
        const n = 20_000;
        const losses = simulateLosses({ frequency: e, magnitude: { min: 1, mostLikely: 1, max: 1, confidence: "low" } }, n, seed);
        let sum = 0;
        for (const v of losses) sum += v;
        const mean = sum / n;
        const sd = Math.sqrt(pertVariance(e));
        // 4 standard errors of sampling noise, plus a hair for the tabulation.
        expect(Math.abs(mean - pertMean(e))).toBeLessThanOrEqual((4 * sd) / Math.sqrt(n) + 1e-4 * (e.max - e.min) + 1e-9);
        let sq = 0;
        for (const v of losses) sq += (v - mean) ** 2;
        const variance = sq / (n - 1);
        expect(Math.abs(variance - sd * sd)).toBeLessThanOrEqual(0.1 * sd * sd + 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it("uses the modified-PERT shapes low 2, medium 4, high 6", () => {
    const base = { min: 0, mostLikely: 10, max: 100 };
    expect(pertMean({ ...base, confidence: "low" })).toBeCloseTo(120 / 4);
    expect(pertMean({ ...base, confidence: "medium" })).toBeCloseTo(140 / 6);
    expect(pertMean({ ...base, confidence: "high" })).toBeCloseTo(160 / 8);
    // A higher confidence concentrates the samples.
    expect(pertVariance({ ...base, confidence: "high" })).toBeLessThan(pertVariance({ ...base, confidence: "low" }));
  });

  it("matches the exact gamma-based sampler in distribution", () => {
    const n = 20_000;
    for (const e of [
      { min: 0, mostLikely: 0, max: 1, confidence: "low" as const },
      { min: 1_000, mostLikely: 5_000, max: 1_000_000, confidence: "medium" as const },
      { min: 0.1, mostLikely: 3, max: 3, confidence: "high" as const },
    ]) {
      const tab = simulateLosses({ frequency: e, magnitude: { min: 1, mostLikely: 1, max: 1, confidence: "low" } }, n, 11);
      const rng = createRng(12);
      const exact = new Float64Array(n).map(() => samplePertExact(rng, e));
      const a = tab.sort();
      const b = exact.sort();
      // Two-sample Kolmogorov–Smirnov statistic; 1.95·sqrt(2/n) is the 0.1 % critical value.
      let i = 0;
      let j = 0;
      let d = 0;
      while (i < n && j < n) {
        if (a[i]! <= b[j]!) i++;
        else j++;
        d = Math.max(d, Math.abs(i - j) / n);
      }
      expect(d).toBeLessThan(1.95 * Math.sqrt(2 / n));
    }
  });
});

describe("simulateCase", () => {
  it("gives identical results for the same seed", () => {
    fc.assert(
      fc.property(caseArb, seedArb, (c, seed) => {
        expect(simulateCase(c, { iterations: 500, seed })).toEqual(simulateCase(c, { iterations: 500, seed }));
      }),
      { numRuns: 30 },
    );
  });

  it("almost always differs between seeds", () => {
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        fc.pre(a !== b);
        expect(simulateLosses(PHISHING, 200, a)).not.toEqual(simulateLosses(PHISHING, 200, b));
      }),
      { numRuns: 50 },
    );
  });

  it("orders its percentiles and has a non-increasing exceedance curve", () => {
    fc.assert(
      fc.property(caseArb, seedArb, (c, seed) => {
        const s = simulateCase(c, { iterations: 1000, seed });
        expect(s.iterations).toBe(1000);
        expect(s.seed).toBe(seed);
        expectOrdered(s);
        expect(s.curve[0]!.loss).toBe(0);
        expect(s.curve.at(-1)!.loss).toBe(s.max);
        expect(s.curve.at(-1)!.probability).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it("defaults to 10,000 iterations with a fixed seed", () => {
    const s = simulateCase(PHISHING);
    expect(s.iterations).toBe(DEFAULT_ITERATIONS);
    expect(s.seed).toBe(DEFAULT_SEED);
    expect(s.curve).toHaveLength(40);
    expect(s).toEqual(simulateCase(PHISHING));
    const expected = pertMean(PHISHING.frequency) * pertMean(PHISHING.magnitude);
    expect(Math.abs(s.ale - expected)).toBeLessThan(3 * standardError(simulateLosses(PHISHING, DEFAULT_ITERATIONS, DEFAULT_SEED)));
  });

  it("rejects a non-positive or fractional iteration count", () => {
    expect(() => simulateCase(PHISHING, { iterations: 0 })).toThrow(RangeError);
    expect(() => simulateCase(PHISHING, { iterations: 2.5 })).toThrow(RangeError);
  });
});

describe("summarizeLosses", () => {
  it("does not mutate its input and matches a plain sort", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
        const losses = Float64Array.from(values);
        const before = Float64Array.from(losses);
        const s = summarizeLosses(losses, 1);
        expect(losses).toEqual(before);
        const sorted = [...values].sort((a, b) => a - b);
        expect(s.min).toBe(sorted[0]);
        expect(s.max).toBe(sorted.at(-1));
        expect(s.p50).toBe(sorted[Math.ceil(0.5 * sorted.length) - 1]);
        expectOrdered(s);
      }),
    );
  });

  it("selection and counting give exactly what a full sort gives", () => {
    const value = fc.oneof(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, 5e-324, 1, 1, 2, 1e6),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 500 }), fc.constantFrom("as is", "sorted", "reversed"), (values, order) => {
        if (order === "sorted") values.sort((a, b) => a - b);
        if (order === "reversed") values.sort((a, b) => b - a);
        const losses = Float64Array.from(values);
        expect(summarizeLosses(losses, 9)).toEqual(summarizeBySorting(losses, 9));
      }),
      { numRuns: 300 },
    );
    const sim = simulateLosses(PHISHING, 10_000, 4);
    expect(summarizeLosses(sim, 4)).toEqual(summarizeBySorting(sim, 4));
  });

  it("still summarizes input with NaN or Infinity", () => {
    const s = summarizeLosses(Float64Array.from([1, Number.NaN, 3]), 1);
    expect(s.iterations).toBe(3);
    expect(summarizeLosses(Float64Array.from([1, Number.POSITIVE_INFINITY]), 1).max).toBe(Number.POSITIVE_INFINITY);
  });

  it("gives a single zero point when nothing is lost", () => {
    const s = summarizeLosses(new Float64Array(10), 3);
    expect(s.curve).toEqual([{ loss: 0, probability: 0 }]);
    expect(s.ale).toBe(0);
  });

  it("refuses an empty simulation", () => {
    expect(() => summarizeLosses(new Float64Array(0), 1)).toThrow(RangeError);
  });
});

describe("aggregate", () => {
  it("is the per-iteration sum of the parts simulated with derived seeds", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 5 }), seedArb, (cases, seed) => {
        const n = 300;
        const total = aggregateLosses(cases, n, seed);
        const parts = cases.map((c, i) => simulateLosses(c, n, deriveSeed(seed, i)));
        for (let k = 0; k < n; k++) {
          let sum = 0;
          for (const p of parts) sum += p[k]!;
          expect(total[k]).toBe(sum);
        }
        const agg = summarizeLosses(total, seed);
        const sumOfAle = parts.reduce((acc, p) => acc + summarizeLosses(p, 0).ale, 0);
        expect(agg.ale).toBeCloseTo(sumOfAle, 6);
        expect(Math.abs(agg.ale - sumOfAle)).toBeLessThanOrEqual(1e-9 * Math.max(1, sumOfAle));
        expectOrdered(agg);
      }),
      { numRuns: 40 },
    );
  });

  it("agrees within sampling error with parts simulated from unrelated seeds", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 4 }), seedArb, seedArb, (cases, aggSeed, partSeed) => {
        const n = 4000;
        const total = aggregateLosses(cases, n, aggSeed);
        const parts = cases.map((c, i) => simulateLosses(c, n, (partSeed + 7919 * i) >>> 0));
        const sumOfAle = parts.reduce((acc, p) => acc + summarizeLosses(p, 0).ale, 0);
        // Independent parts: the variance of their summed means is the sum of their variances.
        const se = Math.sqrt(standardError(total) ** 2 + parts.reduce((acc, p) => acc + standardError(p) ** 2, 0));
        expect(Math.abs(summarizeLosses(total, aggSeed).ale - sumOfAle)).toBeLessThanOrEqual(4 * se + 1e-9);
      }),
      { numRuns: 30 },
    );
  });

  it("simulateAggregate and simulateRegister agree with the parts", () => {
    const cases = [PHISHING, { ...PHISHING, frequency: { min: 0, mostLikely: 0.1, max: 1, confidence: "high" as const } }];
    const register = simulateRegister(cases, { iterations: 2000, seed: 5 });
    expect(register.aggregate).toEqual(simulateAggregate(cases, { iterations: 2000, seed: 5 }));
    cases.forEach((c, i) => {
      expect(register.cases[i]).toEqual(simulateCase(c, { iterations: 2000, seed: deriveSeed(5, i) }));
    });
  });

  it("is zero for an empty register", () => {
    expect(simulateAggregate([], { iterations: 10 }).ale).toBe(0);
  });
});

describe("treatmentValue", () => {
  const summary = (ale: number) => ({ ...simulateCase(PHISHING, { iterations: 10 }), ale });

  it("weighs the ALE reduction against the control's cost", () => {
    expect(treatmentValue(summary(100_000), summary(30_000), 20_000)).toEqual({ reduction: 70_000, net: 50_000, ratio: 3.5 });
    expect(treatmentValue(summary(100_000), summary(30_000), 0)).toEqual({ reduction: 70_000, net: 70_000, ratio: null });
    expect(treatmentValue(summary(10), summary(30), 5).net).toBe(-25);
  });
});

describe("estimateProblems", () => {
  it("accepts a well-formed estimate", () => {
    expect(estimateProblems({ min: 0, mostLikely: 1, max: 1, confidence: "high" }, "f")).toEqual([]);
  });

  it("reports ordering, sign, finiteness and confidence problems together", () => {
    expect(estimateProblems({ min: 5, mostLikely: 2, max: 1, confidence: "sure" }, "frequency").map((p) => p.path)).toEqual([
      "frequency.mostLikely",
      "frequency.max",
      "frequency.confidence",
    ]);
    expect(estimateProblems({ min: -1, mostLikely: Number.NaN, max: "9", confidence: "low" }, "m").map((p) => p.path)).toEqual([
      "m.min",
      "m.mostLikely",
      "m.max",
    ]);
    expect(estimateProblems(null, "x")).toEqual([{ path: "x", message: expect.any(String) }]);
  });

  it("checks both estimates of a case", () => {
    expect(quantCaseProblems({ frequency: PHISHING.frequency, magnitude: {} }, "current").map((p) => p.path)).toEqual([
      "current.magnitude.min",
      "current.magnitude.mostLikely",
      "current.magnitude.max",
      "current.magnitude.confidence",
    ]);
  });
});

describe("bounded estimates", () => {
  const boundedCaseArb: fc.Arbitrary<QuantCase> = fc.record({
    frequency: estimateArb(QUANT_LIMITS.frequency),
    magnitude: estimateArb(QUANT_LIMITS.magnitude),
  });
  const finite = (s: SimulationSummary) =>
    [s.ale, s.p50, s.p90, s.p95, s.p99, s.min, s.max, ...s.curve.flatMap((p) => [p.loss, p.probability])].every(Number.isFinite);

  it("gives finite results for any estimates within the limits, one risk or a register", () => {
    fc.assert(
      fc.property(fc.array(boundedCaseArb, { minLength: 1, maxLength: 8 }), seedArb, (cases, seed) => {
        const register = simulateRegister(cases, { iterations: 200, seed });
        expect(register.cases.every(finite)).toBe(true);
        expect(finite(register.aggregate)).toBe(true);
        expect(finite(simulateCase(cases[0]!, { iterations: 200, seed }))).toBe(true);
        const value = treatmentValue(register.cases[0]!, register.aggregate, QUANT_LIMITS.annualControlCost);
        expect([value.reduction, value.net, value.ratio ?? 0].every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("stays finite for a large register at the limits", () => {
    const top = { min: 0, mostLikely: QUANT_LIMITS.frequency, max: QUANT_LIMITS.frequency, confidence: "high" as const };
    const worst: QuantCase = { frequency: top, magnitude: { ...top, mostLikely: QUANT_LIMITS.magnitude, max: QUANT_LIMITS.magnitude } };
    const summary = simulateAggregate(
      Array.from({ length: 2_000 }, () => worst),
      { iterations: 100 },
    );
    expect(finite(summary)).toBe(true);
  });

  it("refuses estimates beyond the limits, naming them, instead of answering Infinity", () => {
    const extreme: QuantCase = { ...PHISHING, frequency: { min: 1, mostLikely: 1e308, max: 1.7e308, confidence: "low" } };
    expect(() => simulateCase(extreme)).toThrow(QuantInputError);
    expect(() => simulateRegister([PHISHING, extreme])).toThrow(/cases\.1\.frequency\.max/);
    expect(() => simulateAggregate([extreme])).toThrow(QuantInputError);
    expect(quantCaseProblems(extreme, "c").map((p) => p.path)).toEqual(["c.frequency.mostLikely", "c.frequency.max"]);
    expect(
      quantSpecProblems(
        { current: PHISHING, residual: { ...PHISHING, magnitude: { ...PHISHING.magnitude, max: 2e15 } }, annualControlCost: -1 },
        "q",
      ).map((p) => p.path),
    ).toEqual(["q.residual.magnitude.max", "q.annualControlCost"]);
    expect(quantSpecProblems({ current: PHISHING, residual: null, annualControlCost: 0 }, "q")).toEqual([]);
  });

  it("has no ratio for a cost so small that the ratio is not a finite number", () => {
    const summary = (ale: number) => ({ ...simulateCase(PHISHING, { iterations: 10 }), ale });
    expect(treatmentValue(summary(1e21), summary(0), 1e-300).ratio).toBeNull();
  });
});
