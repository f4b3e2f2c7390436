import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { ApiClient } from "../../test/helpers/server.js";
import { startServer } from "../support.js";

const SIZE = 25 * 1024 * 1024;

/** The server process's resident memory in MB (Linux): now (VmRSS) or its peak so far (VmHWM). */
function rssMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

/**
 * A 25 MB evidence file (the default limit) uploaded and downloaded through real HTTP, the body
 * streamed both ways: the time of each, and how far the server's peak resident memory grew
 * (target < 100 MB: the file goes to the database chunk by chunk, never whole in memory).
 */
async function measure(label: string, databaseUrl: string, env: Record<string, string>): Promise<void> {
  const server = await startServer(databaseUrl, env);
  const pid = server.proc.pid as number;
  try {
    const admin = new ApiClient(server.url);
    await admin.post("/api/v1/setup", { email: "bench@example.com", displayName: "Bench", password: "load test passphrase 7" });
    const orgId = (await admin.post("/api/v1/orgs", { name: "Bench" })).body.id as string;
    const token = (await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "bench" })).body.token as string;
    const auth = { authorization: `Bearer ${token}` };
    // A PDF header so the type is accepted, then random bytes: nothing compresses or repeats.
    const file = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(SIZE - 9)]);
    // Warm up (routes compiled, pools open) with a small file, then take the baseline.
    await fetch(`${server.url}/api/v1/orgs/${orgId}/evidence?entityType=control&entityId=A.8.13&filename=warm.pdf`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/octet-stream" },
      body: file.subarray(0, 64 * 1024),
    });
    const before = rssMb(pid, "VmRSS");
    const peakBefore = rssMb(pid, "VmHWM");
    let start = performance.now();
    const upload = await fetch(`${server.url}/api/v1/orgs/${orgId}/evidence?entityType=control&entityId=A.8.13&filename=big.pdf`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/octet-stream", "content-length": String(file.length) },
      // Sent as a stream, as a browser sends a large file.
      body: Readable.toWeb(Readable.from([file])) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    const uploadMs = performance.now() - start;
    const stored = (await upload.json()) as { id: string; sizeBytes: number };
    if (upload.status !== 201 || stored.sizeBytes !== SIZE)
      throw new Error(`upload: ${upload.status} ${JSON.stringify(stored).slice(0, 300)}`);
    start = performance.now();
    const download = await fetch(`${server.url}/api/v1/orgs/${orgId}/evidence/${stored.id}/content`, { headers: auth });
    let received = 0;
    for await (const piece of download.body as unknown as AsyncIterable<Uint8Array>) received += piece.length;
    const downloadMs = performance.now() - start;
    if (download.status !== 200 || received !== SIZE) throw new Error(`download: ${download.status}, ${received} bytes`);
    const growth = Math.max(rssMb(pid, "VmHWM"), peakBefore) - before;
    console.log(`evidence [${label}] upload of a 25 MB file over HTTP: ${uploadMs.toFixed(0)} ms`);
    console.log(`evidence [${label}] download of a 25 MB file over HTTP: ${downloadMs.toFixed(0)} ms`);
    console.log(
      `evidence [${label}] server peak RSS growth over upload and download: ${growth.toFixed(0)} MB (from ${before.toFixed(0)} MB; target < 100 MB)`,
    );
  } finally {
    server.proc.kill();
  }
}

export async function evidence(): Promise<void> {
  const dir = join(tmpdir(), `isms-evidence-${process.pid}`);
  await measure("sqlite", `sqlite:${join(dir, "bench.sqlite")}`, {});
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_SQLITE_ONLY) return;
  const pgUrl = process.env.ISMS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
  } catch {
    console.log(`evidence [postgres] skipped: no PostgreSQL at ${pgUrl}`);
    return;
  }
  const schema = `bench_evidence_${process.pid}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await measure("postgres", pgUrl, { ISMS_DB_SCHEMA: schema });
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
