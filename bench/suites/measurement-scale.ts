import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../../src/server/db/database.js";
import { computeBuiltins } from "../../src/server/modules/measures/index.js";
import { ApiClient } from "../../test/helpers/server.js";
import { median, startServer } from "../support.js";
import { seed } from "./risk-scale.js";

/** Every built-in measure for an organization of 50,000 risks over 100,000 assets (BENCH_RISKS / BENCH_RISK_ASSETS shorten it), on SQLite. */
export async function measurementScale(): Promise<void> {
  const dir = join(tmpdir(), `isms-measure-scale-${process.pid}`);
  const databaseUrl = `sqlite:${join(dir, "bench.sqlite")}`;
  const server = await startServer(databaseUrl, {});
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
      undefined,
      orgId,
      setup.body.user.id as string,
      controls.map((c) => c.id),
    );
    // An audit programme of the current cycle with one audit, so that its coverage is computed, not skipped.
    const year = new Date().toISOString().slice(0, 4);
    const programme = (await admin.post(`${base}/audit-programmes`, { title: "Cycle", cycleStart: `${year}-01-01` })).body.id as string;
    await admin.post(`${base}/audits`, {
      programmeId: programme,
      title: "Management system",
      scope: { clauses: ["4", "5", "6"] },
      startDate: `${year}-01-02`,
    });
    const db = openDatabase(databaseUrl);
    const today = new Date().toISOString().slice(0, 10);
    const times: number[] = [];
    let results = new Map<string, { value: number | null }>();
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      results = await computeBuiltins(db, orgId, today);
      times.push(performance.now() - start);
    }
    await db.close();
    const values = [...results].map(([key, r]) => `${key}=${r.value === null ? "no value" : Math.round(r.value)}`).join(", ");
    console.log(
      `measurement-scale [sqlite] all ${results.size} built-in measures, 50,000 risks over 100,000 assets: median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (target < 500 ms); ${values}`,
    );
  } finally {
    server.proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
