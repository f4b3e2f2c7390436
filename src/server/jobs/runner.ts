import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import type { Db } from "../db/database.js";
import "../modules/measures/index.js";

/**
 * A periodic job. It runs once per slot (for a daily job, per UTC date) across all app
 * instances: whoever claims the slot's row in `job_runs` first runs it; every other attempt
 * finds the row and does nothing.
 */
export interface PeriodicJob {
  name: string;
  /** When pg-boss sends it (cron, UTC). */
  cron: string;
  /** The period a run covers: one run per slot. */
  slot(now: Date): string;
  /** Does the work; returns a short summary kept with the run. */
  run(db: Db): Promise<string>;
}

export interface JobRunner {
  readonly kind: "pg-boss" | "in-process";
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asks for a run of the job's current slot now; it still runs at most once per slot. */
  trigger(name: string): Promise<void>;
}

export const dailySlot = (now: Date) => now.toISOString().slice(0, 10);

/** Takes the slot for this instance; false when another instance (or an earlier run) has it. */
export async function claimRun(db: Db, name: string, slot: string, instance: string): Promise<boolean> {
  const result = await db.kysely
    .insertInto("job_runs")
    .values({ name, slot, instance, started_at: new Date().toISOString(), finished_at: null, outcome: null })
    .onConflict((oc) => oc.columns(["name", "slot"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Claims the slot and, if this instance got it, runs the job and records how it ended. */
export async function runOnce(db: Db, job: PeriodicJob, slot: string, instance: string): Promise<boolean> {
  if (!(await claimRun(db, job.name, slot, instance))) return false;
  let outcome: string;
  try {
    outcome = `ok: ${await job.run(db)}`;
  } catch (error) {
    outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  await db.kysely
    .updateTable("job_runs")
    .set({ finished_at: new Date().toISOString(), outcome: outcome.slice(0, 2000) })
    .where("name", "=", job.name)
    .where("slot", "=", slot)
    .execute();
  return true;
}

export interface RunnerOptions {
  /** PostgreSQL: the connection string and the schema pg-boss keeps its queue in. */
  connectionString?: string;
  bossSchema?: string;
  /** In-process runner: how often it looks for a slot to run (default a minute). */
  tickMs?: number;
  /** pg-boss: how often a worker polls (seconds, default 2). */
  pollingSeconds?: number;
  onError?: (error: unknown) => void;
}

/** SQLite (one machine): a timer in the process; the slot row still keeps a run to one. */
class InProcessRunner implements JobRunner {
  readonly kind = "in-process" as const;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly instance = randomUUID();
  constructor(
    private readonly db: Db,
    private readonly jobs: readonly PeriodicJob[],
    private readonly options: RunnerOptions,
  ) {}
  private tick() {
    this.running = this.running.then(() =>
      Promise.all(this.jobs.map((job) => runOnce(this.db, job, job.slot(new Date()), this.instance))).catch((e) =>
        this.options.onError?.(e),
      ),
    );
    return this.running;
  }
  async start() {
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 60_000);
    this.timer.unref();
    await this.tick();
  }
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
  async trigger(name: string) {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job called ${name}`);
    this.running = this.running.then(() => runOnce(this.db, job, job.slot(new Date()), this.instance));
    await this.running;
  }
}

/**
 * PostgreSQL (one or many instances): pg-boss keeps the schedule and the queue in the database;
 * its cron sends each job once per time, one worker among all instances takes it (SKIP LOCKED),
 * and the slot row guards against a second delivery.
 */
class PgBossRunner implements JobRunner {
  readonly kind = "pg-boss" as const;
  private readonly boss: PgBoss;
  private readonly instance = randomUUID();
  constructor(
    private readonly db: Db,
    private readonly jobs: readonly PeriodicJob[],
    private readonly options: RunnerOptions,
  ) {
    this.boss = new PgBoss({ connectionString: options.connectionString as string, schema: options.bossSchema ?? "pgboss", max: 3 });
    this.boss.on("error", (e) => options.onError?.(e));
  }
  async start() {
    await this.boss.start();
    for (const job of this.jobs) {
      await this.ensureQueue(job.name);
      await this.boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
      await this.boss.work<{ slot?: string }>(job.name, { pollingIntervalSeconds: this.options.pollingSeconds ?? 2 }, async (batch) => {
        for (const item of batch) await runOnce(this.db, job, item.data?.slot ?? job.slot(new Date()), this.instance);
      });
      // A run missed while no instance was up happens now, once.
      await this.trigger(job.name);
    }
  }
  /** Instances starting together race to create the queue (PostgreSQL may pick one as a deadlock victim): try again, then take the winner's. */
  private async ensureQueue(name: string) {
    for (let attempt = 0; ; attempt++) {
      if (await this.boss.getQueue(name)) return;
      try {
        await this.boss.createQueue(name);
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  }
  async stop() {
    await this.boss.stop({ graceful: true, wait: true });
  }
  async trigger(name: string) {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job called ${name}`);
    const slot = job.slot(new Date());
    await this.boss.send(name, { slot }, { singletonKey: `${name}:${slot}` });
  }
}

/** pg-boss on PostgreSQL, a timer on SQLite: one interface either way. */
export function createJobRunner(db: Db, jobs: readonly PeriodicJob[], options: RunnerOptions = {}): JobRunner {
  if (db.dialect === "postgres") {
    if (!options.connectionString) throw new Error("the PostgreSQL job runner needs the connection string");
    return new PgBossRunner(db, jobs, options);
  }
  return new InProcessRunner(db, jobs, options);
}
