import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import { ApiClient } from "../../test/helpers/server.js";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

function startTarget(args: string[], env: Record<string, string> = {}): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "target.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, proc }));
    proc.once("exit", (code) => reject(new Error(`benchmark target exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Authenticated API requests (token auth, organization check, query, validated response) against a bare route serving the same JSON. */
async function measure(label: string, databaseUrl: string, env: Record<string, string>) {
  const app = await startTarget(["app", databaseUrl], env);
  try {
    const admin = new ApiClient(app.url);
    await admin.post("/api/v1/setup", { email: "bench@example.com", displayName: "Bench", password: "load test passphrase 7" });
    const orgId = (await admin.post("/api/v1/orgs", { name: "Bench" })).body.id as string;
    for (let i = 0; i < 49; i++) {
      const invite = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: `m${i}@example.com`, role: "contributor" });
      await new ApiClient(app.url).post(`/api/v1/invites/${invite.body.token}/accept`, {
        password: "load test passphrase 7",
        displayName: `Member ${i}`,
      });
    }
    const token = (await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "bench" })).body.token as string;
    const scenarios = [
      { name: "member list, 50 rows", path: `/api/v1/orgs/${orgId}/members?limit=50&sort=email` },
      { name: "member list, 10 rows", path: `/api/v1/orgs/${orgId}/members?limit=10&sort=email` },
      { name: "one organization", path: `/api/v1/orgs/${orgId}` },
    ];
    for (const scenario of scenarios) {
      const payload = await (await fetch(app.url + scenario.path, { headers: { authorization: `Bearer ${token}` } })).json();
      const payloadFile = join(tmpdir(), `isms-bench-payload-${process.pid}.json`);
      writeFileSync(payloadFile, JSON.stringify(payload));
      const bare = await startTarget(["bare", "", payloadFile]);
      try {
        const ours = await load(app.url + scenario.path, { authorization: `Bearer ${token}` });
        const base = await load(`${bare.url}/bare`);
        const ratio = ours.rps / base.rps;
        console.log(
          `api-throughput [${label}] ${scenario.name}: ours ${ours.rps.toFixed(0)} req/s, p99 ${ours.p99} ms | bare Fastify, same JSON: ${base.rps.toFixed(0)} req/s, p99 ${base.p99} ms | ratio ${(ratio * 100).toFixed(1)}% (target >= 50%)`,
        );
      } finally {
        bare.proc.kill();
      }
    }
  } finally {
    app.proc.kill();
  }
}

export async function apiThroughput(): Promise<void> {
  const dir = join(tmpdir(), `isms-bench-${process.pid}`);
  await measure("sqlite", `sqlite:${join(dir, "bench.sqlite")}`, {});
  const pgUrl = process.env.ISMS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `bench_${process.pid}`;
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
  } catch {
    console.log(`api-throughput [postgres] skipped: no PostgreSQL at ${pgUrl}`);
    return;
  }
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    const db = openDatabase(pgUrl, { schema });
    await migrateToLatest(db);
    await db.close();
    await measure("postgres", pgUrl, { ISMS_DB_SCHEMA: schema });
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}
