import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import { backupOrganizationTo, restoreOrganizationFrom } from "../../src/server/modules/backup/index.js";
import { repeated, rowXml, workbook } from "../../test/helpers/hostile-files.js";
import { setUpInstance, startTestServer } from "../../test/helpers/server.js";
import { seed } from "./risk-scale.js";

const MB = 1024 * 1024;

/** Runs `work` while sampling the resident memory: its time and the peak. */
async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - started) / 1000, peakMb: peak / MB, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * One organization with 50,000 risks over 100,000 assets (seeded as in risk-scale), backed up,
 * then restored into a new SQLite instance; and the zip bomb sent to the restore upload.
 */
export async function backupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "isms-bench-backup-"));
  const server = await startTestServer();
  try {
    const { admin, orgId, adminId } = await setUpInstance(server);
    const base = `/api/v1/orgs/${orgId}`;
    await admin.post(`${base}/risk-catalog/starter`, {});
    const controls = (await admin.get(`${base}/controls`)).body.items as { id: string }[];
    await seed(
      server.database.url,
      server.database.schema,
      orgId,
      adminId,
      controls.map((c) => c.id),
    );
    const file = join(dir, "org.isms-backup.gz");
    const backup = await sampled(() => backupOrganizationTo(server.db, orgId, file));
    const rows = Object.values(backup.value.tables).reduce((n, t) => n + t.rows, 0);
    console.log(
      `backup (sqlite): organization of 50,000 risks and 100,000 assets (${rows.toLocaleString("en-US")} rows, ${(statSync(file).size / MB).toFixed(1)} MB) in ${backup.seconds.toFixed(1)} s (target < 60 s), peak RSS ${backup.peakMb.toFixed(0)} MB (target < 512 MB)`,
    );
    const target = openDatabase(`sqlite:${join(dir, "target.sqlite")}`);
    await migrateToLatest(target);
    const restore = await sampled(() =>
      restoreOrganizationFrom(target, file, { actor: { type: "system", id: null }, requestId: "bench", ip: null }),
    );
    console.log(
      `restore (sqlite): ${restore.value.rows.toLocaleString("en-US")} rows in ${restore.seconds.toFixed(1)} s (target < 60 s), peak RSS ${restore.peakMb.toFixed(0)} MB (target < 512 MB)`,
    );
    await target.close();
    const bomb = workbook([
      rowXml(1, ["Name"]),
      '<row r="2"><c t="inlineStr"><is><t>',
      ...repeated("A".repeat(1024), 1_100_000),
      "</t></is></c></row>",
    ]);
    const refused = await sampled(() =>
      admin.request("POST", "/api/v1/admin/restore", bomb, { "content-type": "application/octet-stream" }),
    );
    console.log(
      `zip bomb (${(bomb.length / MB).toFixed(1)} MB, 1.1 GB inflated) to the restore upload: ${refused.value.status} in ${(refused.seconds * 1000).toFixed(0)} ms (target < 1000 ms), memory growth ${refused.growthMb.toFixed(0)} MB (target < 100 MB)`,
    );
  } finally {
    await server.close();
  }
}
