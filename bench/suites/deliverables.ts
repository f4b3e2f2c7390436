import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ApiClient } from "../../test/helpers/server.js";
import { startServer } from "../support.js";
import { seed } from "./risk-scale.js";

/**
 * Deliverables: the demo organization's whole certification pack (every deliverable in PDF, DOCX
 * and XLSX), then the SoA as XLSX and the risk report as PDF for 50,000 risks over 100,000 assets
 * (BENCH_RISKS / BENCH_RISK_ASSETS shorten it), with the server process's peak RSS growth while
 * each document is generated, sampled from /proc.
 */
/** Extra node flags for the server, e.g. BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it. */
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
const RISKS = Number(process.env.BENCH_RISKS ?? 50_000);
const ASSETS = Number(process.env.BENCH_RISK_ASSETS ?? 100_000);

const rssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
};

async function setUp(url: string) {
  const admin = new ApiClient(url);
  const setup = await admin.post("/api/v1/setup", { email: "bench@example.com", displayName: "Bench", password: "load test passphrase 7" });
  return { admin, userId: setup.body.user.id as string };
}

/** Downloads a file, counting its bytes as they come (never held), and samples the server's RSS meanwhile. */
async function download(url: string, token: string, pid: number): Promise<{ ms: number; bytes: number; growthMb: number }> {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const start = performance.now();
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return { ms: performance.now() - start, bytes, growthMb: Math.max(peak, rssMb(pid)) - before };
  } finally {
    clearInterval(timer);
  }
}

async function demoPack(dir: string): Promise<void> {
  const server = await startServer(`sqlite:${join(dir, "demo.sqlite")}`, {}, NODE_FLAGS);
  try {
    const { admin } = await setUp(server.url);
    const orgId = (await admin.post("/api/v1/demo")).body.orgId as string;
    const base = `/api/v1/orgs/${orgId}`;
    const started = performance.now();
    let job = (await admin.post(`${base}/deliverables/packs`, { formats: ["pdf", "docx", "xlsx"] })).body;
    while (job.status === "running") {
      await new Promise((r) => setTimeout(r, 100));
      job = (await admin.get(`${base}/deliverables/packs/${job.id}`)).body;
    }
    const seconds = (performance.now() - started) / 1000;
    if (job.status !== "done") throw new Error(`pack failed: ${job.error}`);
    console.log(
      `deliverables [sqlite] demo certification pack, ${job.total - 1} deliverables in PDF + DOCX + XLSX (${(job.size / 1e6).toFixed(1)} MB ZIP): ${seconds.toFixed(1)} s (target < 10 s)`,
    );
  } finally {
    server.proc.kill();
  }
}

async function largeOrg(dir: string): Promise<void> {
  const databaseUrl = `sqlite:${join(dir, "large.sqlite")}`;
  const server = await startServer(databaseUrl, {}, NODE_FLAGS);
  try {
    const { admin, userId } = await setUp(server.url);
    const orgId = (await admin.post("/api/v1/orgs", { name: "Bench" })).body.id as string;
    const base = `/api/v1/orgs/${orgId}`;
    const token = (await admin.post(`${base}/tokens`, { name: "bench" })).body.token as string;
    await admin.post(`${base}/risk-catalog/starter`, {});
    const controls = (await admin.get(`${base}/controls`)).body.items as { id: string }[];
    await seed(
      databaseUrl,
      undefined,
      orgId,
      userId,
      controls.map((c) => c.id),
    );
    const pid = server.proc.pid as number;
    const scale = `${RISKS.toLocaleString("en-US")} risks over ${ASSETS.toLocaleString("en-US")} assets`;
    for (const [name, id, format] of [
      ["SoA as XLSX", "soa", "xlsx"],
      ["risk report as PDF", "risk-report", "pdf"],
    ] as const) {
      const r = await download(`${server.url}${base}/deliverables/${id}/render?format=${format}`, token, pid);
      console.log(
        `deliverables [sqlite] ${name}, ${scale}: ${(r.ms / 1000).toFixed(1)} s (target < 30 s), ${(r.bytes / 1e6).toFixed(1)} MB, server peak RSS growth ${r.growthMb.toFixed(0)} MB (target < 512 MB)`,
      );
    }
  } finally {
    server.proc.kill();
  }
}

export async function deliverables(): Promise<void> {
  const dir = join(tmpdir(), `isms-deliverables-bench-${process.pid}`);
  try {
    await demoPack(dir);
    await largeOrg(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
