import { performance } from "node:perf_hooks";
import {
  type Confidence,
  createRng,
  DEFAULT_ITERATIONS,
  type Estimate,
  type QuantCase,
  simulateAggregate,
  simulateCase,
  simulateRegister,
} from "../../src/core/risk/quant.js";

const RISKS = 1_000;
const RUNS = 5;
const CONFIDENCES: Confidence[] = ["low", "medium", "high"];

/** Estimates spread over several orders of magnitude, as a real register's are, from a fixed seed. */
function register(): QuantCase[] {
  const rng = createRng(20_240_601);
  const estimate = (lowest: number, decades: number): Estimate => {
    const min = lowest * 10 ** (rng() * decades);
    const max = min * (1.5 + rng() * 50);
    const mostLikely = min + (max - min) * rng() ** 2;
    return { min, mostLikely, max, confidence: CONFIDENCES[Math.floor(rng() * 3)]! };
  };
  return Array.from({ length: RISKS }, () => ({ frequency: estimate(0.01, 3), magnitude: estimate(1_000, 3) }));
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

function time(work: () => void): number {
  work(); // warm-up, so the JIT has compiled the sampling loop before we measure
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times) / 1000;
}

/** A register view summarizes every risk's current case and draws the register's aggregate curve. */
export async function monteCarlo(): Promise<void> {
  const cases = register();
  const label = `${RISKS.toLocaleString("en-US")} risks × ${DEFAULT_ITERATIONS.toLocaleString("en-US")} iterations + aggregate curve`;
  const onePass = time(() => simulateRegister(cases, { seed: 1 }));
  console.log(`monte-carlo  ${label} (simulateRegister): ${onePass.toFixed(2)} s (target < 2 s)`);
  // Per-risk simulateCase then simulateAggregate samples everything twice; worth knowing the price.
  const separate = time(() => {
    for (const c of cases) simulateCase(c, { seed: 1 });
    simulateAggregate(cases, { seed: 1 });
  });
  console.log(`monte-carlo  ${label} (simulateCase each + simulateAggregate): ${separate.toFixed(2)} s (target < 2 s)`);
}
