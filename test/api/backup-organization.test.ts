import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.repo.js";
import { type Db, openDatabase } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import {
  BackupRefused,
  backupOrganizationTo,
  listTables,
  restoreFrom,
  restoreOrganizationFrom,
} from "../../src/server/modules/backup/index.js";
import { createDemo } from "../../src/server/modules/demo/demo.service.js";
import { TEST_DB } from "../helpers/db.js";
import { setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

/**
 * One organization's backup and restore: the demo organization backed up on this database,
 * restored into the other kind (a new instance), backed up there: the same content; restored
 * next to itself: a second organization with new ids and the same rows; tampered: refused.
 */
const dir = mkdtempSync(join(tmpdir(), "isms-org-backup-"));
const meta = { actor: { type: "system" as const, id: null }, requestId: "test", ip: null };
let server: TestServer;
let orgId: string;

async function otherDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  const url = process.env.ISMS_TEST_POSTGRES_URL;
  if (TEST_DB === "sqlite" && url) {
    const schema = `bo_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
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

const lines = (file: string) => gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");

/**
 * A backup's tables as lists of lines, minus the documented volatile fields: the header's
 * creation time and source, the chain head's signature (each instance signs with its own key).
 * With `masked`, every id (UUID) and every hash of the trail is replaced by a mark, and each
 * table's lines are sorted: what a copy with new ids must still equal.
 */
function content(file: string, masked = false) {
  const all = lines(file);
  const header = JSON.parse(all[0] as string);
  const columnsOf = new Map<string, string[]>(header.tables.map((t: { name: string; columns: string[] }) => [t.name, t.columns]));
  const tables: Record<string, string[]> = {};
  let table = "";
  for (const line of all.slice(1)) {
    if (line.startsWith('{"table"')) {
      table = JSON.parse(line).table;
      tables[table] = [];
    } else if (line.startsWith("[")) {
      const columns = columnsOf.get(table) ?? [];
      let row = JSON.parse(line) as unknown[];
      const drop = new Set(table === "audit_heads" ? ["signature", "key_id", ...(masked ? ["hash"] : [])] : []);
      if (masked && table === "audit_events") for (const c of ["prev_hash", "hash"]) drop.add(c);
      if (masked && table === "organizations") drop.add("name");
      row = row.filter((_, i) => !drop.has(columns[i] as string));
      let text = JSON.stringify(row);
      if (masked) text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
      tables[table]?.push(text);
    }
  }
  if (masked) for (const t of Object.values(tables)) t.sort();
  return { organization: masked ? undefined : header.organization, scope: header.scope, tables };
}

async function orgCounts(db: Db, id: string) {
  const out: Record<string, number> = {};
  for (const t of await listTables(db)) {
    if (!t.columns.includes("org_id")) continue;
    const row = await db.kysely
      .selectFrom(t.name as "risks")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("org_id", "=", id)
      .executeTakeFirstOrThrow();
    out[t.name] = Number(row.n);
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  const { adminId } = await setUpInstance(server);
  orgId = (await createDemo(server.db, adminId, { requestId: null, ip: null })).orgId;
}, 120_000);
afterAll(async () => server.close());

describe(`organization backup and restore from ${TEST_DB}`, () => {
  it("round-trips the demo organization to a new instance on the other database and back, with identical content", async () => {
    const first = join(dir, "org-first.isms-backup");
    const manifest = await backupOrganizationTo(server.db, orgId, first);
    expect(manifest.tables.risks?.rows).toBeGreaterThan(0);
    expect(manifest.tables.audit_events?.rows).toBeGreaterThan(10);
    expect(manifest.tables.sessions).toBeUndefined();
    expect(manifest.tables.api_tokens).toBeUndefined();
    // Users carry no secret.
    expect(lines(first).join("\n")).not.toContain("$argon2");
    const other = await otherDatabase();
    try {
      const restored = await restoreOrganizationFrom(other.db, first, meta);
      expect(restored).toMatchObject({ orgId, newIds: false, rechained: false });
      expect(restored.usersCreated).toContain("admin@example.com");
      expect(await orgCounts(other.db, orgId)).toEqual(await orgCounts(server.db, orgId));
      // Created accounts cannot sign in until an administrator enables them.
      const admin = await other.db.kysely
        .selectFrom("users")
        .selectAll()
        .where("email", "=", "admin@example.com")
        .executeTakeFirstOrThrow();
      expect(admin.disabled_at).not.toBeNull();
      expect(admin.is_instance_admin).toBe(0);
      const second = join(dir, "org-second.isms-backup");
      await backupOrganizationTo(other.db, orgId, second);
      expect(content(second)).toEqual(content(first));
      expect((await verifyAuditChain(other.db, orgId)).intact).toBe(true);
      const system = await verifyAuditChain(other.db, null);
      expect(system.intact).toBe(true);
      const event = await other.db.kysely
        .selectFrom("audit_events")
        .select("changes")
        .where("action", "=", "organization.restored")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.changes).restored.after.sourceChain.events).toBe(manifest.tables.audit_events?.rows);
    } finally {
      await other.drop();
    }
  }, 180_000);

  it("restores the organization next to itself as a second organization with new ids, the same rows and a verifying chain", async () => {
    const file = join(dir, "org-copy.isms-backup");
    await backupOrganizationTo(server.db, orgId, file);
    const before = await server.db.kysely.selectFrom("organizations").select("id").execute();
    const restored = await restoreOrganizationFrom(server.db, file, meta);
    expect(restored.newIds).toBe(true);
    expect(restored.rechained).toBe(true);
    expect(restored.orgId).not.toBe(orgId);
    expect(restored.usersCreated).toEqual([]);
    expect(restored.usersLinked).toContain("admin@example.com");
    expect(restored.name).toMatch(/\(restored \d{4}-\d{2}-\d{2}\)$/);
    const after = await server.db.kysely.selectFrom("organizations").select("id").execute();
    expect(after.length).toBe(before.length + 1);
    expect(await orgCounts(server.db, restored.orgId)).toEqual(await orgCounts(server.db, orgId));
    expect((await verifyAuditChain(server.db, restored.orgId)).intact).toBe(true);
    expect((await verifyAuditChain(server.db, orgId)).intact).toBe(true);
    expect((await verifyAuditChain(server.db, null)).intact).toBe(true);
    // No row of the copy names the original organization.
    const risks = await server.db.kysely
      .selectFrom("risks")
      .select(["asset_id", "owner_user_id"])
      .where("org_id", "=", restored.orgId)
      .execute();
    const originalAssets = new Set(
      (await server.db.kysely.selectFrom("assets").select("id").where("org_id", "=", orgId).execute()).map((a) => a.id),
    );
    for (const r of risks) if (r.asset_id) expect(originalAssets.has(r.asset_id)).toBe(false);
    // The copy's own backup holds the same content, ids and the trail's hashes aside.
    const copy = join(dir, "org-copy-again.isms-backup");
    await backupOrganizationTo(server.db, restored.orgId, copy);
    expect(content(copy, true)).toEqual(content(file, true));
  }, 180_000);

  it("refuses a tampered backup, changing nothing", async () => {
    const file = join(dir, "org-tampered.isms-backup");
    await backupOrganizationTo(server.db, orgId, file);
    const all = lines(file);
    const at = all.findIndex((l) => l.startsWith("[") && l.includes("Demo"));
    expect(at).toBeGreaterThan(0);
    all[at] = (all[at] as string).replace("Demo", "Omed");
    writeFileSync(file, gzipSync(all.join("\n")));
    const count = async () => (await server.db.kysely.selectFrom("organizations").select("id").execute()).length;
    const before = await count();
    const events = await server.db.kysely
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    await expect(restoreOrganizationFrom(server.db, file, meta)).rejects.toThrow(BackupRefused);
    await expect(restoreOrganizationFrom(server.db, file, meta)).rejects.toThrow(/does not match its checksum/);
    expect(await count()).toBe(before);
    const eventsAfter = await server.db.kysely
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(events.n));
  }, 60_000);

  it("refuses a backup whose audit trail was rewritten with its checksums recomputed", async () => {
    const file = join(dir, "org-rewritten.isms-backup");
    await backupOrganizationTo(server.db, orgId, file);
    const all = lines(file);
    const header = JSON.parse(all[0] as string);
    const start = all.indexOf(JSON.stringify({ table: "audit_events" }));
    const columns = header.tables.find((t: { name: string }) => t.name === "audit_events").columns as string[];
    const row = JSON.parse(all[start + 3] as string) as unknown[];
    row[columns.indexOf("action")] = "risk.rewritten";
    all[start + 3] = JSON.stringify(row);
    // Recompute the table's checksum, as someone editing the file would.
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256");
    let n = 0;
    for (let i = start + 1; i < all.length && (all[i] as string).startsWith("["); i++, n++) hash.update(`${all[i]}\n`);
    const manifest = JSON.parse(all.at(-1) as string);
    manifest.manifest.tables.audit_events = { rows: n, sha256: hash.digest("hex") };
    all[all.length - 1] = JSON.stringify(manifest);
    writeFileSync(file, gzipSync(all.join("\n")));
    await expect(restoreOrganizationFrom(server.db, file, meta)).rejects.toThrow(/audit trail in the backup does not verify/);
  }, 60_000);

  it("tells an organization's backup from an instance's", async () => {
    const file = join(dir, "org-kind.isms-backup");
    await backupOrganizationTo(server.db, orgId, file);
    await expect(restoreFrom(server.db, file)).rejects.toThrow(/organization's backup/);
  }, 60_000);
});
