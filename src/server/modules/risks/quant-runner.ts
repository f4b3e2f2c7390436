import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { SimulationSummary } from "../../../core/risk/quant.js";
import { tooManyRequests } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { WorkerPool } from "../../workers/pool.js";
import type { QuantTask, QuantTaskRunner } from "./quant-task.js";

export interface QuantRunnerOptions {
  /** worker threads shared by every organization */
  workers: number;
  /** simulations one organization may have running or waiting at once; more get 429 */
  perOrg: number;
  /** finished results kept, least recently used dropped first */
  cacheEntries?: number;
}

/** Seconds a refused client is asked to wait: about one large simulation. */
const RETRY_AFTER_SECONDS = 2;
/** Simulations waiting for a worker across all organizations, per worker, before new ones are refused. */
const QUEUE_PER_WORKER = 8;

// Beside this module: quant-worker.js in dist/, quant-worker.ts when running from the sources.
const WORKER_FILE = new URL(`./quant-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Runs Monte Carlo tasks off the event loop, a bounded number per organization, and remembers
 * results by a hash of everything they depend on (the organization, the estimates, the seed and
 * the iterations), so a repeated view costs nothing and identical concurrent requests share one run.
 */
export class QuantRunner implements QuantTaskRunner {
  private readonly pool: WorkerPool<QuantTask, SimulationSummary[]>;
  private readonly cache = new Map<string, SimulationSummary[]>();
  private readonly running = new Map<string, Promise<SimulationSummary[]>>();
  private readonly perOrgCount = new Map<string, number>();
  private readonly cacheEntries: number;

  constructor(private readonly options: QuantRunnerOptions) {
    this.pool = new WorkerPool(WORKER_FILE, options.workers);
    this.cacheEntries = options.cacheEntries ?? 256;
  }

  run(orgId: string, task: QuantTask): Promise<SimulationSummary[]> {
    const key = sha256(JSON.stringify([orgId, task]));
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting marks the entry as most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    const same = this.running.get(key);
    if (same) return same;
    const count = this.perOrgCount.get(orgId) ?? 0;
    if (count >= this.options.perOrg)
      throw tooManyRequests(
        `this organization already has ${count} simulation(s) running, the most it may have at once; try again shortly`,
        RETRY_AFTER_SECONDS,
      );
    if (this.pool.pending >= this.options.workers * QUEUE_PER_WORKER)
      throw tooManyRequests("the server is busy with other simulations; try again shortly", RETRY_AFTER_SECONDS);
    this.perOrgCount.set(orgId, count + 1);
    const result = this.pool
      .run(task)
      .then((summaries) => {
        this.cache.set(key, summaries);
        if (this.cache.size > this.cacheEntries) this.cache.delete(this.cache.keys().next().value as string);
        return summaries;
      })
      .finally(() => {
        this.running.delete(key);
        const left = (this.perOrgCount.get(orgId) ?? 1) - 1;
        if (left > 0) this.perOrgCount.set(orgId, left);
        else this.perOrgCount.delete(orgId);
      });
    this.running.set(key, result);
    return result;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
