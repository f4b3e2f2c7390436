// FAIR-style Monte Carlo for the optional quantitative mode (risk.md, "Quantitative mode").
// Everything is seeded so a stored seed reproduces a stored result exactly.

export type Confidence = "low" | "medium" | "high";
export const CONFIDENCES: readonly Confidence[] = ["low", "medium", "high"];

/** A calibrated estimate; confidence sets how peaked the PERT distribution is around mostLikely. */
export interface Estimate {
  min: number;
  mostLikely: number;
  max: number;
  confidence: Confidence;
}

/** frequency: loss events per year; magnitude: loss per event (money). */
export interface QuantCase {
  frequency: Estimate;
  magnitude: Estimate;
}

/** probability that the annual loss exceeds `loss` */
export interface LossCurvePoint {
  loss: number;
  probability: number;
}

export interface SimulationSummary {
  iterations: number;
  seed: number;
  /** annualized loss expectancy: the mean annual loss */
  ale: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  /** loss exceedance curve from 0 to max; probability never increases */
  curve: LossCurvePoint[];
}

export const DEFAULT_ITERATIONS = 10_000;

/**
 * The largest estimates accepted: a million loss events a year, a loss of 10^15 (a quadrillion, in
 * any currency) per event or per year of control cost. Far beyond any real case, yet small enough
 * that a register of millions of risks sums its yearly losses without leaving the finite numbers.
 */
export const QUANT_LIMITS = { frequency: 1e6, magnitude: 1e15, annualControlCost: 1e15 } as const;

/** Problems found in a case handed to the engine; the engine refuses rather than answer Infinity or NaN. */
export class QuantInputError extends RangeError {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`The estimates cannot be simulated: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    this.name = "QuantInputError";
  }
}

function checkCase(c: QuantCase, path: string): void {
  const problems = quantCaseProblems(c, path);
  if (problems.length > 0) throw new QuantInputError(problems);
}

function checkCases(cases: QuantCase[]): void {
  for (let i = 0; i < cases.length; i++) checkCase(cases[i] as QuantCase, `cases.${i}`);
}
/** Used when no seed is given, so an unseeded run is still reproducible. */
export const DEFAULT_SEED = 27001;
export const CURVE_POINTS = 40;

/** Modified-PERT shape parameter; a higher value concentrates samples around the most likely value. */
export const PERT_GAMMA: Record<Confidence, number> = { low: 2, medium: 4, high: 6 };

/** mulberry32: tiny state, good enough statistically for risk estimates, and fast in V8. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Independent stream for case `index` of a register. Hashing (rather than seed + index) keeps
 * neighbouring cases from sharing correlated mulberry32 streams.
 */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul((index >>> 0) + 1, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Resolution of the tabulated PERT: the density is integrated over PERT_CELLS equal cells and its
 * inverse CDF stored at PERT_QUANTILES + 1 points. Sampling is then one uniform and one linear
 * interpolation, which is what lets a 1,000-risk register run in well under the 2 s budget; the
 * error against the exact distribution is far below the sampling noise of 10,000 iterations.
 */
export const PERT_CELLS = 2048;
export const PERT_QUANTILES = 2048;

let lnX: Float64Array | undefined;
let ln1X: Float64Array | undefined;

/** ln(x) and ln(1 - x) at the cell midpoints, shared by every table. */
function cellLogs(): [Float64Array, Float64Array] {
  if (!lnX || !ln1X) {
    lnX = new Float64Array(PERT_CELLS);
    ln1X = new Float64Array(PERT_CELLS);
    for (let j = 0; j < PERT_CELLS; j++) {
      const x = (j + 0.5) / PERT_CELLS;
      lnX[j] = Math.log(x);
      ln1X[j] = Math.log1p(-x);
    }
  }
  return [lnX, ln1X];
}

/** Beta parameters of the modified PERT, standardized to [0, 1]. */
export function pertShape(e: Estimate): { alpha: number; beta: number } {
  const range = e.max - e.min;
  if (!(range > 0)) return { alpha: 1, beta: 1 };
  const g = PERT_GAMMA[e.confidence] ?? PERT_GAMMA.medium;
  return { alpha: 1 + (g * (e.mostLikely - e.min)) / range, beta: 1 + (g * (e.max - e.mostLikely)) / range };
}

const scratchMass = new Float64Array(PERT_CELLS);

/**
 * Fills `out` (length PERT_QUANTILES + 1) with the standardized inverse CDF of the estimate's
 * PERT. Midpoint masses make the density piecewise constant, so inverting within a cell is exact
 * for that approximation. Reusing `out` keeps a register run from allocating per risk.
 */
export function fillPertQuantiles(e: Estimate, out: Float64Array): Float64Array {
  const { alpha, beta } = pertShape(e);
  const [lx, l1x] = cellLogs();
  const a1 = alpha - 1;
  const b1 = beta - 1;
  const mass = scratchMass;
  let total = 0;
  for (let j = 0; j < PERT_CELLS; j++) {
    const w = Math.exp(a1 * lx[j]! + b1 * l1x[j]!);
    mass[j] = w;
    total += w;
  }
  out[0] = 0;
  let cell = 0;
  let below = 0; // normalized mass of the cells before `cell`
  let here = mass[0]! / total;
  for (let k = 1; k < PERT_QUANTILES; k++) {
    const q = k / PERT_QUANTILES;
    while (below + here < q && cell < PERT_CELLS - 1) {
      below += here;
      cell++;
      here = mass[cell]! / total;
    }
    const within = here > 0 ? Math.min(1, Math.max(0, (q - below) / here)) : 0;
    out[k] = (cell + within) / PERT_CELLS;
  }
  out[PERT_QUANTILES] = 1;
  return out;
}

/** Theoretical mean of the modified PERT distribution of an estimate. */
export function pertMean(e: Estimate): number {
  const g = PERT_GAMMA[e.confidence];
  return (e.min + g * e.mostLikely + e.max) / (g + 2);
}

/** Theoretical variance of the modified PERT (a scaled Beta). */
export function pertVariance(e: Estimate): number {
  const { alpha, beta } = pertShape(e);
  const range = e.max - e.min;
  return (range * range * alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
}

function drawFromTable(u: number, q: Float64Array, min: number, range: number, max: number): number {
  const pos = u * PERT_QUANTILES;
  const k = pos | 0;
  const lo = q[k]!;
  const x = min + range * (lo + (pos - k) * (q[k + 1]! - lo));
  // min + (max - min) can round past max (0.1 + 0.2 > 0.3); clamp so the bound is a guarantee.
  return Math.min(x, max);
}

/**
 * One PERT sample in [min, max], consuming exactly one number from `rng`. Convenient, not fast:
 * it tabulates the distribution on every call; simulateLosses tabulates once per estimate.
 */
export function samplePert(rng: () => number, e: Estimate): number {
  const u = rng();
  if (!(e.max > e.min)) return e.min;
  return drawFromTable(u, fillPertQuantiles(e, new Float64Array(PERT_QUANTILES + 1)), e.min, e.max - e.min, e.max);
}

/**
 * Reference sampler: an exact Beta draw from two Marsaglia–Tsang gammas (shapes are always ≥ 1
 * for PERT). Too slow for registers; tests use it to check the tabulated sampler's distribution.
 */
export function samplePertExact(rng: () => number, e: Estimate): number {
  const range = e.max - e.min;
  if (!(range > 0)) return e.min;
  const normal = () => {
    for (;;) {
      const u = 2 * rng() - 1;
      const v = 2 * rng() - 1;
      const s = u * u + v * v;
      if (s < 1 && s > 0) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  };
  const gamma = (shape: number) => {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = rng();
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const { alpha, beta } = pertShape(e);
  const x = gamma(alpha);
  const y = gamma(beta);
  return Math.min(e.max, e.min + (range * x) / (x + y));
}

function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`Iterations must be a positive whole number, not ${iterations}.`);
}

const fTable = new Float64Array(PERT_QUANTILES + 1);
const mTable = new Float64Array(PERT_QUANTILES + 1);

/** The hot loop: mulberry32 inlined (same stream as createRng) and no allocation per sample. */
function fillLosses(c: QuantCase, seed: number, out: Float64Array): void {
  const fMin = c.frequency.min;
  const fRange = Math.max(0, c.frequency.max - fMin);
  const mMin = c.magnitude.min;
  const mRange = Math.max(0, c.magnitude.max - mMin);
  if (fRange > 0) fillPertQuantiles(c.frequency, fTable);
  if (mRange > 0) fillPertQuantiles(c.magnitude, mTable);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const u1 = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    s = (s + 0x6d2b79f5) | 0;
    t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const u2 = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const f = fRange > 0 ? drawFromTable(u1, fTable, fMin, fRange, c.frequency.max) : fMin;
    const m = mRange > 0 ? drawFromTable(u2, mTable, mMin, mRange, c.magnitude.max) : mMin;
    out[i] = f * m;
  }
}

/**
 * Annual loss per iteration = one sampled frequency × one sampled magnitude. This is a
 * simplification of FAIR, which would draw a Poisson event count and a magnitude per event:
 * it keeps the ALE right (E[f·m] = E[f]·E[m] for independent draws) but treats every event in a
 * year as costing the same, so the tail is somewhat wider than the event-by-event model's.
 */
export function simulateLosses(c: QuantCase, iterations: number, seed: number): Float64Array {
  checkIterations(iterations);
  checkCase(c, "case");
  const out = new Float64Array(iterations);
  fillLosses(c, seed, out);
  return out;
}

/** Index of the first element > value in an ascending array. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Nearest-rank percentile index, so every reported percentile is a loss that was actually simulated. */
const rankOf = (n: number, p: number) => Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));

/** The curve's loss points: 0 to max in equal steps, without repeats. */
function curveLosses(max: number): number[] {
  if (max <= 0) return [0];
  const out: number[] = [];
  for (let k = 0; k < CURVE_POINTS; k++) {
    const loss = k === CURVE_POINTS - 1 ? max : (max * k) / (CURVE_POINTS - 1);
    // Subnormal maxima round several steps to the same loss; a chart wants distinct points.
    if (k === 0 || loss > out[out.length - 1]!) out.push(loss);
  }
  return out;
}

/**
 * Hoare/Wirth selection: afterwards a[k] holds the k-th smallest of a[lo..hi], with nothing larger
 * before it and nothing smaller after it, so later (higher) ranks can be selected from k + 1 on.
 */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const p = a[lo]!;
    const q = a[(lo + hi) >>> 1]!;
    const r = a[hi]!;
    // Median of three keeps sorted or reversed input from going quadratic.
    const x = Math.max(Math.min(p, q), Math.min(Math.max(p, q), r));
    let i = lo;
    let j = hi;
    do {
      while (a[i]! < x) i++;
      while (x < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}

/**
 * Does not mutate `losses`: the caller may still need the iteration order (e.g. to aggregate).
 * Percentiles come from selection and the curve from one counting pass rather than a full sort,
 * which halves the cost of summarizing; summarizeBySorting is the reference it must match.
 */
export function summarizeLosses(losses: Float64Array, seed: number): SimulationSummary {
  const n = losses.length;
  if (n === 0) throw new RangeError("Cannot summarize an empty simulation.");
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = losses[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Comparisons with NaN break selection, and ±Infinity breaks the curve's bucketing.
  if (!Number.isFinite(sum) || !Number.isFinite(min) || !Number.isFinite(max)) return summarizeBySorting(losses, seed);

  const points = curveLosses(max);
  const m = points.length;
  // below[c] = how many losses exceed exactly c of the curve's points.
  const below = new Uint32Array(m + 1);
  const perStep = max > 0 ? (CURVE_POINTS - 1) / max : 0;
  for (let i = 0; i < n; i++) {
    const v = losses[i]!;
    // Only a first guess (perStep is Infinity for a subnormal max; 0 × Infinity is NaN, hence the
    // comparisons that send NaN to 0): the two loops below make the count exact.
    const guess = Math.floor(v * perStep);
    let j = guess >= 0 ? (guess < m ? guess : m - 1) : 0;
    while (j < m && points[j]! < v) j++;
    while (j > 0 && points[j - 1]! >= v) j--;
    below[j]!++;
  }
  const curve: LossCurvePoint[] = [];
  let above = n - below[0]!;
  for (let j = 0; j < m; j++) {
    curve.push({ loss: points[j]!, probability: above / n });
    above -= below[j + 1]!;
  }

  const work = Float64Array.from(losses);
  const percentile = (k: number, from: number) => {
    select(work, from, n - 1, k);
    return work[k]!;
  };
  const r50 = rankOf(n, 0.5);
  const r90 = rankOf(n, 0.9);
  const r95 = rankOf(n, 0.95);
  const r99 = rankOf(n, 0.99);
  const p50 = percentile(r50, 0);
  const p90 = r90 === r50 ? p50 : percentile(r90, r50 + 1);
  const p95 = r95 === r90 ? p90 : percentile(r95, r90 + 1);
  const p99 = r99 === r95 ? p95 : percentile(r99, r95 + 1);
  return unsigned({ iterations: n, seed, ale: sum / n, p50, p90, p95, p99, min, max, curve });
}

/** A loss of -0 (possible in hand-made input) reads as 0, so both summaries agree whichever zero a sort puts first. */
function unsigned(s: SimulationSummary): SimulationSummary {
  return { ...s, p50: s.p50 + 0, p90: s.p90 + 0, p95: s.p95 + 0, p99: s.p99 + 0, min: s.min + 0, max: s.max + 0 };
}

/** Reference implementation over a full sort; also the path for input containing NaN or Infinity. */
export function summarizeBySorting(losses: Float64Array, seed: number): SimulationSummary {
  const n = losses.length;
  if (n === 0) throw new RangeError("Cannot summarize an empty simulation.");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += losses[i]!;
  const sorted = Float64Array.from(losses).sort();
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const curve = curveLosses(max).map((loss) => ({ loss, probability: (n - upperBound(sorted, loss)) / n }));
  return unsigned({
    iterations: n,
    seed,
    ale: sum / n,
    p50: sorted[rankOf(n, 0.5)]!,
    p90: sorted[rankOf(n, 0.9)]!,
    p95: sorted[rankOf(n, 0.95)]!,
    p99: sorted[rankOf(n, 0.99)]!,
    min,
    max,
    curve,
  });
}

export function simulateCase(c: QuantCase, opts: { iterations?: number; seed?: number } = {}): SimulationSummary {
  const seed = opts.seed ?? DEFAULT_SEED;
  return summarizeLosses(simulateLosses(c, opts.iterations ?? DEFAULT_ITERATIONS, seed), seed);
}

/**
 * Per-iteration sum over the cases. Each case draws from its own stream (deriveSeed(seed, i)),
 * which treats the risks as independent and makes each part reproducible on its own.
 */
export function aggregateLosses(cases: QuantCase[], iterations: number, seed: number): Float64Array {
  checkIterations(iterations);
  checkCases(cases);
  const total = new Float64Array(iterations);
  const part = new Float64Array(iterations);
  cases.forEach((c, i) => {
    fillLosses(c, deriveSeed(seed, i), part);
    for (let k = 0; k < iterations; k++) total[k]! += part[k]!;
  });
  return total;
}

export function simulateAggregate(cases: QuantCase[], opts: { iterations?: number; seed?: number } = {}): SimulationSummary {
  const seed = opts.seed ?? DEFAULT_SEED;
  return summarizeLosses(aggregateLosses(cases, opts.iterations ?? DEFAULT_ITERATIONS, seed), seed);
}

/**
 * A whole register in one pass: each case is simulated once with deriveSeed(seed, i), summarized,
 * and added into the aggregate, so a register view does not pay for sampling twice. Case i's
 * summary equals simulateCase(cases[i], { iterations, seed: deriveSeed(seed, i) }).
 */
export function simulateRegister(
  cases: QuantCase[],
  opts: { iterations?: number; seed?: number } = {},
): { cases: SimulationSummary[]; aggregate: SimulationSummary } {
  const seed = opts.seed ?? DEFAULT_SEED;
  const iterations = opts.iterations ?? DEFAULT_ITERATIONS;
  checkIterations(iterations);
  checkCases(cases);
  const total = new Float64Array(iterations);
  const part = new Float64Array(iterations);
  const summaries = cases.map((c, i) => {
    const caseSeed = deriveSeed(seed, i);
    fillLosses(c, caseSeed, part);
    for (let k = 0; k < iterations; k++) total[k]! += part[k]!;
    return summarizeLosses(part, caseSeed);
  });
  return { cases: summaries, aggregate: summarizeLosses(total, seed) };
}

/** What a treatment is worth per year: reduction in ALE, net of the control's annual cost. */
export function treatmentValue(
  current: SimulationSummary,
  residual: SimulationSummary,
  annualControlCost: number,
): { reduction: number; net: number; ratio: number | null } {
  const reduction = current.ale - residual.ale;
  const ratio = reduction / annualControlCost;
  // No cost, or one so small that the ratio leaves the finite numbers: there is no ratio to show.
  return { reduction, net: reduction - annualControlCost, ratio: annualControlCost > 0 && Number.isFinite(ratio) ? ratio : null };
}

/** Problems with an estimate as received (e.g. from an API body); an empty list means usable. */
export function estimateProblems(e: unknown, path: string, limit: number = QUANT_LIMITS.magnitude): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (typeof e !== "object" || e === null || Array.isArray(e)) return [{ path, message: "The estimate must be an object." }];
  const r = e as Record<string, unknown>;
  const labels = { min: "minimum", mostLikely: "most likely value", max: "maximum" } as const;
  let numeric = true;
  for (const key of ["min", "mostLikely", "max"] as const) {
    const v = r[key];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      out.push({ path: `${path}.${key}`, message: `The ${labels[key]} must be a finite number.` });
      numeric = false;
    } else if (v < 0) {
      out.push({ path: `${path}.${key}`, message: `The ${labels[key]} cannot be negative.` });
    } else if (v > limit) {
      out.push({ path: `${path}.${key}`, message: `The ${labels[key]} cannot be above ${limit.toLocaleString("en")}.` });
    }
  }
  if (numeric) {
    const { min, mostLikely, max } = r as { min: number; mostLikely: number; max: number };
    if (min > mostLikely) out.push({ path: `${path}.mostLikely`, message: "The most likely value cannot be below the minimum." });
    if (mostLikely > max) out.push({ path: `${path}.max`, message: "The maximum cannot be below the most likely value." });
  }
  if (!CONFIDENCES.includes(r.confidence as Confidence)) {
    out.push({ path: `${path}.confidence`, message: `The confidence must be one of: ${CONFIDENCES.join(", ")}.` });
  }
  return out;
}

/** Problems with both estimates of a case, paths prefixed with `path`. */
export function quantCaseProblems(c: unknown, path: string): { path: string; message: string }[] {
  if (typeof c !== "object" || c === null || Array.isArray(c)) return [{ path, message: "The quantitative case must be an object." }];
  const r = c as Record<string, unknown>;
  return [
    ...estimateProblems(r.frequency, `${path}.frequency`, QUANT_LIMITS.frequency),
    ...estimateProblems(r.magnitude, `${path}.magnitude`, QUANT_LIMITS.magnitude),
  ];
}

/**
 * Problems with a whole quantitative specification (current and residual cases, control cost), as
 * stored or received: a risk saved before the limits existed is reported, not simulated.
 */
export function quantSpecProblems(spec: unknown, path: string): { path: string; message: string }[] {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [{ path, message: "The estimates must be an object." }];
  const r = spec as Record<string, unknown>;
  const out = quantCaseProblems(r.current, `${path}.current`);
  if (r.residual !== null && r.residual !== undefined) out.push(...quantCaseProblems(r.residual, `${path}.residual`));
  const cost = r.annualControlCost ?? 0;
  if (typeof cost !== "number" || !Number.isFinite(cost) || cost < 0 || cost > QUANT_LIMITS.annualControlCost)
    out.push({
      path: `${path}.annualControlCost`,
      message: `The annual control cost must be a number from 0 to ${QUANT_LIMITS.annualControlCost.toLocaleString("en")}.`,
    });
  return out;
}
