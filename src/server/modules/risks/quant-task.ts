import { type QuantCase, type SimulationSummary, simulateAggregate, simulateCase } from "../../../core/risk/quant.js";

/**
 * One unit of Monte Carlo work, as sent to a worker thread: plain data, so it crosses the thread
 * boundary by structured clone and hashes into a cache key.
 * - `cases`: each case simulated on its own with the same seed (a risk's current and residual)
 * - `aggregates`: each list of cases summed per simulated year (the register's current and residual)
 */
export type QuantTask =
  | { kind: "cases"; cases: QuantCase[]; iterations: number; seed: number }
  | { kind: "aggregates"; registers: QuantCase[][]; iterations: number; seed: number };

/** Runs a task with the pure engine; the worker thread calls this, and so may a test, in-thread. */
export function runQuantTask(task: QuantTask): SimulationSummary[] {
  const opts = { iterations: task.iterations, seed: task.seed };
  return task.kind === "cases" ? task.cases.map((c) => simulateCase(c, opts)) : task.registers.map((r) => simulateAggregate(r, opts));
}

/** Where tasks run: the server's worker pool (QuantRunner), or in-thread for a one-shot CLI command. */
export interface QuantTaskRunner {
  run(orgId: string, task: QuantTask): Promise<SimulationSummary[]>;
}

export const inThread: QuantTaskRunner = { run: async (_orgId, task) => runQuantTask(task) };
