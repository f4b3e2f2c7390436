import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.repo.js";
import { type Db, openDatabase } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import { BackupRefused, backupTo, listTables, restoreFrom } from "../../src/server/modules/backup/index.js";
import { createDemo } from "../../src/server/modules/demo/demo.service.js";
import { createTestDatabase, TEST_DB, type TestDatabase } from "../helpers/db.js";
import { setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

/**
 * Backup and restore across SQLite and PostgreSQL: the demo organization backed up on one,
 * restored on the other (a fresh database of the other kind), backed up again: the same content.
 */
const dir = mkdtempSync(join(tmpdir(), "isms-backup-"));
let server: TestServer;

async function otherDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  const url = process.env.ISMS_TEST_POSTGRES_URL;
  if (TEST_DB === "sqlite" && url) {
    // The other kind: PostgreSQL, a schema of its own.
    const schema = `bk_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openDatabase(url, { schema });
    await migrateToLatest(db);
    return {
      db,
      async drop() {
        await db.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const db = openDatabase(`sqlite:${join(mkdtempSync(join(dir, "other-")), "isms.sqlite")}`);
  await migrateToLatest(db);
  return { db, drop: () => db.close() };
}

/**
 * The backup's lines minus the documented volatile fields: the header's creation time and source,
 * and the chain heads' signatures (a restore signs them with the target's own audit key), with
 * the manifest's checksum of that table.
 */
function content(file: string) {
  const lines = gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");
  const header = JSON.parse(lines[0] as string);
  delete header.createdAt;
  delete header.sourceDialect;
  const heads = header.tables.find((t: { name: string }) => t.name === "audit_heads").columns as string[];
  const volatile = ["signature", "key_id"].map((c) => heads.indexOf(c));
  // Tables are written parents first; two databases may order tables with no reference between them differently.
  header.tables = Object.fromEntries(header.tables.map((t: { name: string; columns: string[] }) => [t.name, t.columns]));
  const tables: Record<string, string[]> = {};
  let manifest: { manifest: { tables: Record<string, { sha256?: string }> } } | null = null;
  let table = "";
  for (const line of lines.slice(1)) {
    if (line.startsWith('{"table"')) {
      table = JSON.parse(line).table;
      tables[table] = [];
    } else if (line.startsWith('{"manifest"')) {
      manifest = JSON.parse(line);
      delete manifest?.manifest.tables.audit_heads?.sha256;
      delete (manifest?.manifest as { header?: string } | undefined)?.header;
    } else if (table === "audit_heads")
      tables[table]?.push(JSON.stringify((JSON.parse(line) as unknown[]).filter((_, i) => !volatile.includes(i))));
    else tables[table]?.push(line);
  }
  return { header, tables, manifest };
}

const counts = async (db: Db) => {
  const out: Record<string, number> = {};
  for (const t of await listTables(db))
    out[t.name] = Number(
      (
        await db.kysely
          .selectFrom(t.name as "users")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
};

beforeAll(async () => {
  server = await startTestServer();
  const { adminId } = await setUpInstance(server);
  await createDemo(server.db, adminId, { requestId: null, ip: null });
}, 120_000);
afterAll(async () => server.close());

describe(`backup and restore from ${TEST_DB}`, () => {
  it("round-trips the instance with the demo organization to the other database and back, with identical content", async () => {
    const first = join(dir, "first.isms-backup");
    await backupTo(server.db, first);
    const other = await otherDatabase();
    try {
      const restored = await restoreFrom(other.db, first);
      expect(restored.rows).toBeGreaterThan(100);
      expect(await counts(other.db)).toEqual(await counts(server.db));
      const second = join(dir, "second.isms-backup");
      await backupTo(other.db, second);
      expect(content(second)).toEqual(content(first));
      const orgs = await other.db.kysely.selectFrom("organizations").select("id").execute();
      for (const { id } of orgs) expect((await verifyAuditChain(other.db, id)).intact).toBe(true);
    } finally {
      await other.drop();
    }
  }, 120_000);

  it("refuses a tampered backup and changes nothing", async () => {
    const file = join(dir, "tampered.isms-backup");
    await backupTo(server.db, file);
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
    const at = lines.findIndex((l) => l.includes("Demo") && l.startsWith("["));
    expect(at).toBeGreaterThan(0);
    lines[at] = (lines[at] as string).replace("Demo", "Omed");
    writeFileSync(file, gzipSync(lines.join("\n")));
    const target: TestDatabase = await createTestDatabase();
    try {
      const before = await counts(target.db);
      await expect(restoreFrom(target.db, file)).rejects.toThrow(BackupRefused);
      await expect(restoreFrom(target.db, file)).rejects.toThrow(/does not match its checksum/);
      expect(await counts(target.db)).toEqual(before);
    } finally {
      await target.drop();
    }
  }, 60_000);

  it("refuses to restore into a database that is not empty", async () => {
    const file = join(dir, "again.isms-backup");
    await backupTo(server.db, file);
    await expect(restoreFrom(server.db, file)).rejects.toThrow(/not empty/);
  }, 60_000);
});
