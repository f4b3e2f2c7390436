import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { type Db, openDatabase } from "../db/database.js";
import { createJobRunner, type JobRunner, type PeriodicJob } from "./runner.js";

let database: TestDatabase;
let second: Db;
const runs: string[] = [];
const job: PeriodicJob = {
  name: "count-runs",
  cron: "0 3 * * *",
  slot: () => "2026-01-01",
  async run() {
    runs.push("ran");
    await new Promise((r) => setTimeout(r, 50));
    return "counted";
  },
};

beforeAll(async () => {
  database = await createTestDatabase();
  // A second app instance: its own connection pool to the same database.
  second = openDatabase(database.url, database.schema ? { schema: database.schema } : {});
});
afterAll(async () => {
  await second.close();
  if (database.schema) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${database.schema}_boss CASCADE`);
    await client.end();
  }
  await database.drop();
});

describe("scheduled jobs", () => {
  it("run once per slot across two instances on one database", async () => {
    const options = database.schema
      ? { connectionString: database.url, bossSchema: `${database.schema}_boss`, pollingSeconds: 0.5 }
      : { tickMs: 60_000 };
    const runners: JobRunner[] = [createJobRunner(database.db, [job], options), createJobRunner(second, [job], options)];
    expect(runners[0]?.kind).toBe(database.schema ? "pg-boss" : "in-process");
    await Promise.all(runners.map((r) => r.start()));
    await Promise.all(runners.map((r) => r.trigger(job.name)));
    const deadline = Date.now() + 15_000;
    let row: { outcome: string | null; finished_at: string | null } | undefined;
    while (Date.now() < deadline) {
      row = await database.db.kysely
        .selectFrom("job_runs")
        .select(["outcome", "finished_at"])
        .where("name", "=", job.name)
        .executeTakeFirst();
      if (row?.finished_at) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Give any second delivery time to try.
    await new Promise((r) => setTimeout(r, 1500));
    await Promise.all(runners.map((r) => r.stop()));
    expect(row?.outcome).toBe("ok: counted");
    expect(runs).toEqual(["ran"]);
    const all = await database.db.kysely.selectFrom("job_runs").selectAll().execute();
    expect(all).toHaveLength(1);
  }, 40_000);
});
