import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { eventHash, GENESIS_HASH } from "../../src/core/audit/chain.js";
import { buildApp } from "../../src/server/app.js";
import { AuditIntegrityError, makeCheckpoint, verifyAuditChain } from "../../src/server/audit/audit.repo.js";
import { auditKeyFromPem, generateAuditKeyPem } from "../../src/server/audit/audit-key.js";
import { testConfig } from "../../src/server/config.js";
import { withWrite } from "../../src/server/db/audited.js";
import type { Db } from "../../src/server/db/database.js";
import { prepareDatabase } from "../../src/server/db/open.js";
import { sha256 } from "../../src/server/security/hashing.js";
import { createTestDatabase, TEST_DB, type TestDatabase } from "../helpers/db.js";
import { type ApiClient, setUpInstance } from "../helpers/server.js";

const KEY_PEM = generateAuditKeyPem();

let database: TestDatabase;
let db: Db;
let app: FastifyInstance;
let admin: ApiClient;
let adminId: string;
let dir: string;

/** `isms …` in-process against the test database, with the same audit key as the server. */
async function isms(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(argv, {
    stdout: { write: (t: string) => stdout.push(t) },
    stderr: { write: (t: string) => stderr.push(t) },
    stdin: Readable.from([]),
    env: { DATABASE_URL: database.url, ISMS_DB_SCHEMA: database.schema, ISMS_AUDIT_KEY: KEY_PEM, ...env },
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The server signs with a key from outside the database, as ISMS_AUDIT_KEY would give it.
  db = { ...database.db, auditKey: auditKeyFromPem(KEY_PEM) };
  app = await buildApp({ db, config: testConfig(), logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  ({ admin, adminId } = await setUpInstance({ url: `http://127.0.0.1:${address.port}` } as never));
  dir = mkdtempSync(join(tmpdir(), "isms-checkpoint-"));
});
afterAll(async () => {
  await app.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** What someone with write access to the database can do: the append-only triggers are theirs to drop. */
async function dropAppendOnlyGuard() {
  if (TEST_DB === "postgres") await sql`DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events`.execute(db.kysely);
  else {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db.kysely);
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db.kysely);
  }
}

const head = (chain: string) => db.kysely.selectFrom("audit_heads").selectAll().where("chain_key", "=", chain).executeTakeFirstOrThrow();

async function newOrg(name: string, renames: number): Promise<string> {
  const org = (await admin.post("/api/v1/orgs", { name })).body;
  for (let i = 1; i <= renames; i++)
    expect((await admin.patch(`/api/v1/orgs/${org.id}`, { name: `${name} ${i}`, version: i })).status).toBe(200);
  return org.id as string;
}

const rename = async (orgId: string, name: string) => {
  const current = (await admin.get(`/api/v1/orgs/${orgId}`)).body;
  expect((await admin.patch(`/api/v1/orgs/${orgId}`, { name, version: current.version })).status).toBe(200);
};

async function checkpoint(name: string): Promise<string> {
  const file = join(dir, name);
  const made = await isms(["audit", "checkpoint", "-o", file]);
  expect(made).toMatchObject({ code: 0, stderr: "" });
  return file;
}

async function verifyOrg(orgId: string, checkpointFile?: string) {
  const result = await isms(["audit", "verify", "--org", orgId, "--json", ...(checkpointFile ? ["--checkpoint", checkpointFile] : [])]);
  return { code: result.code, report: JSON.parse(result.stdout)[0], stderr: result.stderr };
}

describe("signed chain heads and checkpoints", () => {
  it("signs every head it writes, and exports a checkpoint per chain: sequence number, head hash, time, signature", async () => {
    const orgId = await newOrg("Signed", 2);
    const verified = await admin.get(`/api/v1/orgs/${orgId}/audit/verify`);
    expect(verified.body).toMatchObject({ intact: true, signed: true, brokenAt: null });
    const all = await isms(["audit", "verify"]);
    expect(all.code).toBe(0);
    expect(all.stdout).not.toMatch(/note: no audit key/);

    const file = await checkpoint("first.json");
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written).toMatchObject({ format: "isms-audit-checkpoint/1", keyId: db.auditKey?.id });
    const entry = written.chains.find((c: { chain: string }) => c.chain === orgId);
    const h = await head(orgId);
    expect(entry).toEqual({ chain: orgId, seq: Number(h.seq), headHash: h.hash, at: written.createdAt, signature: expect.any(String) });
    expect(written.chains.map((c: { chain: string }) => c.chain)).toContain("_system");
    expect((await verifyOrg(orgId, file)).report).toMatchObject({ intact: true, signed: true });
  });

  it("refuses a checkpoint that was edited or signed with another key", async () => {
    const orgId = await newOrg("Checked", 1);
    const file = await checkpoint("genuine.json");
    const written = JSON.parse(readFileSync(file, "utf8"));
    const forged = {
      ...written,
      chains: written.chains.map((c: { chain: string; seq: number }) => (c.chain === orgId ? { ...c, seq: c.seq - 1 } : c)),
    };
    const forgedFile = join(dir, "forged.json");
    writeFileSync(forgedFile, JSON.stringify(forged));
    const refused = await verifyOrg(orgId, forgedFile);
    expect(refused.code).toBe(1);
    expect(refused.report.brokenAt.reason).toMatch(/not signed by this instance's audit key/);

    const other = await isms(["audit", "verify", "--checkpoint", file], { ISMS_AUDIT_KEY: generateAuditKeyPem() });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      /^isms: the checkpoint was signed with audit key [0-9a-f]{16}, but this instance's key is [0-9a-f]{16}\n$/,
    );

    writeFileSync(join(dir, "junk.json"), '{"format":"something else"}');
    expect(await isms(["audit", "verify", "--checkpoint", join(dir, "junk.json")])).toMatchObject({ code: 2 });
  });

  it("detects the last events deleted and the head rolled back, even to a genuine older head: by the checkpoint", async () => {
    const orgId = await newOrg("Truncated", 1);
    // The attacker keeps a copy of the head as it is now, signature included…
    const old = await head(orgId);
    // …events follow, the operator exports a checkpoint, and more events follow.
    await rename(orgId, "Truncated two");
    await rename(orgId, "Truncated three");
    const file = await checkpoint("before-truncation.json");
    await rename(orgId, "Truncated four");

    await dropAppendOnlyGuard();
    await db.kysely.deleteFrom("audit_events").where("chain_key", "=", orgId).where("seq", ">", old.seq).execute();
    // A naive rollback leaves the newer signature on the older head: the signature alone catches it.
    await db.kysely.updateTable("audit_heads").set({ seq: old.seq, hash: old.hash }).where("chain_key", "=", orgId).execute();
    const naive = await verifyOrg(orgId);
    expect(naive.code).toBe(1);
    expect(naive.report.brokenAt.reason).toMatch(/signature does not match/);

    // Putting back the genuine older head, signature and all, passes the signature check…
    await db.kysely
      .updateTable("audit_heads")
      .set({ signature: old.signature, key_id: old.key_id })
      .where("chain_key", "=", orgId)
      .execute();
    expect((await verifyOrg(orgId)).report).toMatchObject({ intact: true, signed: true });
    // …but not the checkpoint, which recorded events that are gone.
    const checked = await verifyOrg(orgId, file);
    expect(checked.code).toBe(1);
    expect(checked.report).toMatchObject({ intact: false, brokenAt: { id: "", seq: Number(old.seq) + 1 } });
    expect(checked.report.brokenAt.reason).toMatch(/^the checkpoint of \S+ recorded \d+ events but \d+ are stored \(events were removed/);
    expect(checked.stderr).toBe("isms: 1 of 1 audit chain is broken\n");
  });

  it("detects an event edited and every later hash recomputed: by the head's signature, and by the checkpoint", async () => {
    const orgId = await newOrg("Rewritten", 3);
    const file = await checkpoint("before-rewrite.json");
    await rename(orgId, "Rewritten later");

    await dropAppendOnlyGuard();
    const rows = await db.kysely.selectFrom("audit_events").selectAll().where("chain_key", "=", orgId).orderBy("seq").execute();
    const victim = rows[1];
    if (!victim) throw new Error("no event to edit");
    let prev = victim.prev_hash;
    for (const row of rows.slice(1)) {
      const changes = row.id === victim.id ? '{"name":{"before":"Rewritten","after":"Forged"}}' : row.changes;
      const event = {
        id: row.id,
        chainKey: row.chain_key,
        seq: Number(row.seq),
        at: row.at,
        orgId: row.org_id,
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorTokenId: row.actor_token_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changes,
        requestId: row.request_id,
        ip: row.ip,
        prevHash: prev,
      };
      prev = eventHash(event, sha256);
      await db.kysely
        .updateTable("audit_events")
        .set({ changes, prev_hash: event.prevHash, hash: prev })
        .where("id", "=", row.id)
        .execute();
    }
    await db.kysely.updateTable("audit_heads").set({ hash: prev }).where("chain_key", "=", orgId).execute();
    expect(prev).not.toBe(GENESIS_HASH);

    // Every link holds, so only what lives outside the database can tell.
    const links = await verifyAuditChain({ ...db, auditKey: null }, orgId);
    expect(links.intact).toBe(true);

    const plain = await verifyOrg(orgId);
    expect(plain.code).toBe(1);
    expect(plain.report.brokenAt.reason).toMatch(/signature does not match/);
    const api = await admin.get(`/api/v1/orgs/${orgId}/audit/verify`);
    expect(api.body).toMatchObject({ intact: false, signed: false });

    const checked = await verifyOrg(orgId, file);
    expect(checked.code).toBe(1);
    const written = JSON.parse(readFileSync(file, "utf8"));
    const entry = written.chains.find((c: { chain: string }) => c.chain === orgId);
    expect(checked.report.brokenAt).toMatchObject({ seq: entry.seq });
    expect(checked.report.brokenAt.reason).toMatch(/differs from the checkpoint of/);

    // A new checkpoint leaves the broken chain out, and says so.
    const later = await isms(["audit", "checkpoint", "-o", join(dir, "after-rewrite.json")]);
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(new RegExp(`^not checkpointed: chain ${orgId} is broken at seq \\d+: the chain head's signature`, "m"));
    expect(JSON.parse(readFileSync(join(dir, "after-rewrite.json"), "utf8")).chains.map((c: { chain: string }) => c.chain)).not.toContain(
      orgId,
    );

    // The application does not sign over a head it finds rewritten: the break stays visible.
    await rename(orgId, "Written after the rewrite");
    expect((await head(orgId)).signature).toBeNull();
    const after = await verifyOrg(orgId);
    expect(after.code).toBe(1);
    expect(after.report.brokenAt.reason).toMatch(/not signed/);
  });

  it("without a key: no checkpoint, and verify says what it cannot prove", async () => {
    const unkeyed = { ...db, auditKey: null };
    await expect(makeCheckpoint(unkeyed)).rejects.toThrow(AuditIntegrityError);
    if (TEST_DB === "postgres") {
      // PostgreSQL has no default key: every instance must be given the same one.
      const result = await isms(["audit", "verify"], { ISMS_AUDIT_KEY: "" });
      expect(result.stdout).toMatch(/^note: no audit key is configured/m);
      expect((await isms(["audit", "checkpoint", "-o", join(dir, "none.json")], { ISMS_AUDIT_KEY: "" })).stderr).toMatch(
        /^isms: no audit key is configured/,
      );
    }
  });

  it("a key made on first start signs the heads written before it, once their links verify", async () => {
    const unkeyed = { ...db, auditKey: null };
    const orgId = (
      await withWrite(unkeyed, { actor: { type: "system", id: null }, requestId: null, ip: null }, async (ctx) => {
        const { createOrg } = await import("../../src/server/modules/orgs/orgs.repo.js");
        return createOrg(ctx, "Legacy", adminId);
      })
    ).id as string;
    expect((await head(orgId)).signature).toBeNull();
    expect((await verifyAuditChain(db, orgId)).intact).toBe(false);
    const fresh = { ...db, auditKey: { ...(db.auditKey as NonNullable<Db["auditKey"]>), createdFile: "/tmp/just-made.key" } };
    const prepared = await prepareDatabase(fresh);
    expect(prepared.signed).toContain(orgId);
    expect(await verifyAuditChain(db, orgId)).toMatchObject({ intact: true, signed: true });
  });
});
