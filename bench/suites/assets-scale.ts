import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ApiClient } from "../../test/helpers/server.js";
import { p95, pagesOf, startServer } from "../support.js";

/** BENCH_ASSETS shortens the run (e.g. 5000 for a quick check); the targets are set for 100,000. */
const ROWS = Number(process.env.BENCH_ASSETS ?? 100_000);
const REQUESTS = 250;
const SITES = 20;
const KINDS = ["information", "business_process", "hardware", "software", "network", "service"];
const CLASSIFICATIONS = ["public", "internal", "confidential", "secret"];
const OWNERS = 50;

/** A heap limit for the second run: V8 sizes its heap by the machine's memory (24 GB here) and collects lazily below that. */
const CAPPED_HEAP_MB = 256;

/** The server process's peak resident memory so far, in MB (Linux: VmHWM). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** An inventory of ROWS assets spread over kinds, owners, classifications, sites and levels. */
function inventoryCsv(): string {
  const lines = ["External reference,Name,Kind,Owner,Classification,Location,Confidentiality,Integrity,Availability"];
  for (let i = 0; i < ROWS; i++) {
    const level = (n: number) => String(((i * n) % 4) + 1);
    lines.push(
      [
        `AST-${String(i).padStart(6, "0")}`,
        `Asset ${i}, ${KINDS[i % KINDS.length]} of team ${i % 97}`,
        KINDS[i % KINDS.length] as string,
        `Owner ${i % OWNERS}`,
        CLASSIFICATIONS[i % CLASSIFICATIONS.length] as string,
        `SITE-${i % SITES}`,
        level(7),
        level(11),
        level(13),
      ]
        .map(quote)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

async function timedRequests(url: string, token: string, paths: string[]): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const response = await fetch(url + (paths[i % paths.length] as string), { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    samples.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${paths[i % paths.length]}: ${response.status}`);
  }
  return p95(samples);
}

/**
 * Imports the inventory into a fresh organization and, unless `heapMb` caps the server's heap
 * (then only the import is measured), times list requests over it.
 */
async function measure(label: string, databaseUrl: string, env: Record<string, string>, csv: string, heapMb?: number): Promise<void> {
  const server = await startServer(databaseUrl, env, heapMb ? [`--max-old-space-size=${heapMb}`] : []);
  try {
    const admin = new ApiClient(server.url);
    await admin.post("/api/v1/setup", { email: "bench@example.com", displayName: "Bench", password: "load test passphrase 7" });
    const orgId = (await admin.post("/api/v1/orgs", { name: "Bench" })).body.id as string;
    const base = `/api/v1/orgs/${orgId}`;
    const token = (await admin.post(`${base}/tokens`, { name: "bench" })).body.token as string;
    const api = admin.withToken(token);
    for (let i = 0; i < SITES; i++) {
      const excluded = i % 10 === 9;
      await api.post(`${base}/scope/elements`, {
        kind: "site",
        name: `Site ${i}`,
        externalRef: `SITE-${i}`,
        inScope: !excluded,
        exclusionJustification: excluded ? "Run by a partner" : null,
      });
    }

    const baseline = peakRssMb(server.proc.pid as number);
    const start = performance.now();
    const contentBase64 = Buffer.from(csv, "utf8").toString("base64");
    const preview = await api.post(`${base}/imports/assets/preview`, { filename: "assets.csv", format: "csv", contentBase64 });
    if (preview.status !== 201 || preview.body.errorCount > 0)
      throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.body).slice(0, 500)}`);
    const previewSeconds = (performance.now() - start) / 1000;
    const previewPeak = peakRssMb(server.proc.pid as number);
    const commit = await api.post(`${base}/imports/${preview.body.id}/commit`);
    if (commit.status !== 200) throw new Error(`commit: ${commit.status} ${JSON.stringify(commit.body).slice(0, 500)}`);
    const seconds = (performance.now() - start) / 1000;
    const peak = peakRssMb(server.proc.pid as number);
    const imported = `import ${ROWS.toLocaleString("en-US")} rows ${seconds.toFixed(1)} s (preview ${previewSeconds.toFixed(1)} s), peak RSS ${peak.toFixed(0)} MB (server at ${baseline.toFixed(0)} MB before, ${previewPeak.toFixed(0)} MB after the preview; targets < 20 s, < 512 MB)`;
    if (heapMb) {
      console.log(`assets-scale [${label}, server heap capped at ${heapMb} MB] ${imported}`);
      return;
    }

    const assets = `${base}/assets?limit=50`;
    const scenarios: [string, string][] = [
      ["by name", `${assets}&sort=name`],
      ["kind, by name", `${assets}&kind=hardware&sort=name`],
      ["owner, by name desc", `${assets}&owner=${encodeURIComponent("Owner 7")}&sort=name&dir=desc`],
      ["classification + in scope, by name", `${assets}&classification=confidential&inScope=true&sort=name`],
      ["primary, newest first", `${assets}&category=primary&sort=createdAt&dir=desc`],
    ];
    const results: string[] = [];
    let worst = 0;
    for (const [name, path] of scenarios) {
      const value = await timedRequests(server.url, token, await pagesOf(server.url, token, path));
      worst = Math.max(worst, value);
      results.push(`${name} ${value.toFixed(1)}`);
    }
    const search = await timedRequests(
      server.url,
      token,
      await pagesOf(server.url, token, `${assets}&q=${encodeURIComponent("team 42")}&sort=name`),
    );

    console.log(`assets-scale [${label}] list p95 ${worst.toFixed(1)} ms (target < 50 ms) | ${imported}`);
    console.log(`assets-scale [${label}] list p95 per query, ms, ${REQUESTS} requests each over 10 pages: ${results.join(" | ")}`);
    console.log(`assets-scale [${label}] name search (q, substring) p95 ${search.toFixed(1)} ms (reported apart: a substring match scans)`);
  } finally {
    server.proc.kill();
  }
}

/**
 * 100,000 assets: the import's time and memory, then the p95 latency of filtered, sorted,
 * paginated lists over HTTP; and the import once more in a server whose heap is capped.
 */
export async function assetsScale(): Promise<void> {
  const csv = inventoryCsv();
  const dir = join(tmpdir(), `isms-assets-scale-${process.pid}`);
  await measure("sqlite", `sqlite:${join(dir, "bench.sqlite")}`, {}, csv);
  await measure("sqlite", `sqlite:${join(dir, "capped.sqlite")}`, {}, csv, CAPPED_HEAP_MB);
  rmSync(dir, { recursive: true, force: true });
  const pgUrl = process.env.ISMS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
  } catch {
    console.log(`assets-scale [postgres] skipped: no PostgreSQL at ${pgUrl}`);
    return;
  }
  try {
    for (const heapMb of [undefined, CAPPED_HEAP_MB]) {
      const schema = `bench_assets_${process.pid}_${heapMb ?? "default"}`;
      await client.query(`CREATE SCHEMA ${schema}`);
      try {
        await measure("postgres", pgUrl, { ISMS_DB_SCHEMA: schema }, csv, heapMb);
      } finally {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
  } finally {
    await client.end();
  }
}
