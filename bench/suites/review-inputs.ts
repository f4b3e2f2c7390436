import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ApiClient } from "../../test/helpers/server.js";
import { median, startServer } from "../support.js";
import { seed } from "./risk-scale.js";

/**
 * The management review's input snapshot (every 9.3.2 topic read from the registers and frozen
 * on the review) for an organization of 50,000 risks over 100,000 assets, over HTTP.
 */
async function measure(label: string, databaseUrl: string, env: Record<string, string>): Promise<void> {
  const server = await startServer(databaseUrl, env);
  try {
    const admin = new ApiClient(server.url);
    const setup = await admin.post("/api/v1/setup", {
      email: "bench@example.com",
      displayName: "Bench",
      password: "load test passphrase 7",
    });
    const orgId = (await admin.post("/api/v1/orgs", { name: "Bench" })).body.id as string;
    const base = `/api/v1/orgs/${orgId}`;
    await admin.post(`${base}/risk-catalog/starter`, {});
    const controls = (await admin.get(`${base}/controls`)).body.items as { id: string }[];
    await seed(
      databaseUrl,
      env.ISMS_DB_SCHEMA,
      orgId,
      setup.body.user.id as string,
      controls.map((c) => c.id),
    );
    for (let i = 0; i < 20; i++) await admin.post(`${base}/nonconformities`, { title: `Nonconformity ${i}`, detectedOn: "2026-01-15" });
    let review = (
      await admin.post(`${base}/management-reviews`, { title: "Bench review", plannedDate: "2026-11-30", participants: "Board" })
    ).body;
    const times: number[] = [];
    let above = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const response = await admin.post(`${base}/management-reviews/${review.id}/inputs`, { version: review.version });
      times.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`inputs: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      review = response.body;
      above = review.inputs.topics.find((t: { id: string }) => t.id === "f").total;
    }
    console.log(
      `review-inputs [${label}] management review input snapshot, 50,000 risks over 100,000 assets (${above.toLocaleString("en-US")} above the threshold) over HTTP: median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (target < 1 s)`,
    );
  } finally {
    server.proc.kill();
  }
}

export async function reviewInputs(): Promise<void> {
  const dir = join(tmpdir(), `isms-review-inputs-${process.pid}`);
  await measure("sqlite", `sqlite:${join(dir, "bench.sqlite")}`, {});
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_SQLITE_ONLY) return;
  const pgUrl = process.env.ISMS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
  } catch {
    console.log(`review-inputs [postgres] skipped: no PostgreSQL at ${pgUrl}`);
    return;
  }
  const schema = `bench_review_${process.pid}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await measure("postgres", pgUrl, { ISMS_DB_SCHEMA: schema });
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
