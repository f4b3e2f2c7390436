import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { type Kysely, sql, type Transaction } from "kysely";
import { type ChainedEvent, eventHash, GENESIS_HASH, headStatement } from "../../../core/audit/chain.js";
import { uuidv7 } from "../../../core/ids.js";
import { verifyAuditChain } from "../../audit/audit.repo.js";
import { insertAudited, recordEvent, SYSTEM_CHAIN, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { sha256 } from "../../security/hashing.js";
import { breathe } from "../../workers/breathe.js";
import {
  type AnySelect,
  BackupRefused,
  backupTo,
  checkBackup,
  knownMigrations,
  listTables,
  type Manifest,
  readLines,
  restoreFrom,
  type Selection,
  type TableInfo,
} from "./backup.service.js";

/**
 * One organization's backup and restore, generic over the catalog like the instance's:
 *
 * - the organization's row, and every row of every table with an `org_id` column equal to its id
 *   (the audit trail included: its events carry the organization's id);
 * - rows of tables without `org_id` that refer by a foreign key to rows already taken (a stored
 *   file's chunks, an import's file), to any depth;
 * - the users those rows refer to (memberships, foreign keys to `users`, the trail's actors), with
 *   only their id, email and display name: no password hash, no administrator flag;
 * - rows of small keyed tables with no foreign key (counters, chain heads) whose key names the
 *   organization or one of its rows.
 *
 * Credentials stay behind: tables holding a `token_hash` (API tokens, invitations, sessions).
 */

// biome-ignore lint/suspicious/noExplicitAny: tables are found at run time
type AnyKysely = Kysely<any>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const USER_COLUMNS = ["id", "email", "display_name"];
const CREDENTIALS = "token_hash";

function organizationPlan(orgId: string) {
  return async (trx: Transaction<Database>, tables: TableInfo[]) => {
    const org = await trx.selectFrom("organizations").select(["id", "name"]).where("id", "=", orgId).executeTakeFirst();
    if (!org) throw new BackupRefused(`there is no organization ${orgId}`);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const users = byName.get("users") as TableInfo;
    const organizations = byName.get("organizations") as TableInfo;
    const eligible = tables.filter((t) => !t.columns.includes(CREDENTIALS) && t !== users && t !== organizations);
    // Which rows of each table belong to the organization: a filter built on the catalog.
    const filters = new Map<string, (q: AnySelect) => AnySelect>();
    filters.set("organizations", (q) => q.where("id", "=", orgId));
    for (const t of eligible) if (t.columns.includes("org_id")) filters.set(t.name, (q) => q.where("org_id", "=", orgId));
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of eligible) {
        if (filters.has(t.name)) continue;
        const link = t.foreignKeys.find((k) => k.table !== t.name && filters.has(k.table) && k.table !== "organizations");
        if (!link) continue;
        const parent = byName.get(link.table) as TableInfo;
        const parentFilter = filters.get(parent.name) as (q: AnySelect) => AnySelect;
        const parentKey = parent.primaryKey[0] ?? "id";
        filters.set(t.name, (q) => q.where(link.column, "in", parentFilter((trx as AnyKysely).selectFrom(parent.name).select(parentKey))));
        grew = true;
      }
    }
    // The users the organization's rows name.
    const userIds = new Set<string>();
    for (const t of eligible) {
      const filter = filters.get(t.name);
      if (!filter) continue;
      const columns = t.foreignKeys.filter((k) => k.table === "users").map((k) => k.column);
      if (t.name === "audit_events") columns.push("actor_id");
      for (const column of columns) {
        const rows = (await filter((trx as AnyKysely).selectFrom(t.name).select(column).distinct()).execute()) as Record<string, unknown>[];
        for (const r of rows) if (typeof r[column] === "string") userIds.add(r[column] as string);
      }
    }
    const ids = new Set<string>([orgId, ...userIds]);
    const selections: Selection[] = [
      { table: organizations, columns: organizations.columns, where: filters.get("organizations") },
      {
        table: users,
        columns: USER_COLUMNS,
        where: (q) => (userIds.size === 0 ? q.where(sql.lit(false)) : q.where("id", "in", [...userIds])),
      },
      ...eligible.flatMap((t) => {
        const where = filters.get(t.name);
        return where ? [{ table: t, columns: t.columns, where }] : [];
      }),
    ];
    // Keyed tables with no foreign key: rows whose key names one of the organization's ids, read last.
    const keyed = eligible.filter((t) => !filters.has(t.name) && t.foreignKeys.length === 0 && t.primaryKey.length > 0);
    return {
      header: { scope: "organization" as const, organization: { id: org.id, name: org.name } },
      selections,
      watch: (table: string, columns: string[], row: unknown[]) => {
        if (table === "users") return;
        const at = columns.indexOf("id");
        if (at >= 0 && typeof row[at] === "string") ids.add(row[at] as string);
      },
      later: () =>
        keyed.map((t) => ({
          table: t,
          columns: t.columns,
          keep: (row: Record<string, unknown>) =>
            t.primaryKey.some((k) => typeof row[k] === "string" && ((row[k] as string).match(UUID) ?? []).some((u) => ids.has(u))),
        })),
    };
  };
}

/** Writes a backup of one organization (by id) to `file`: the same format as the instance's, with `scope: "organization"`. */
export function backupOrganizationTo(db: Db, orgId: string, file: string): Promise<Manifest["manifest"]> {
  return backupTo(db, file, organizationPlan(orgId));
}

export interface OrganizationRestore {
  orgId: string;
  name: string;
  /** Whether the organization's rows got new ids (it already existed here). */
  newIds: boolean;
  tables: number;
  rows: number;
  /** Users matched by email to accounts of this instance, and accounts created (disabled, no password). */
  usersLinked: string[];
  usersCreated: string[];
  /** The organization's trail: how many events, and whether they were re-chained (new ids). */
  auditEvents: number;
  rechained: boolean;
}

const ROWS_PER_INSERT = 100;

/** Reads a backup's header only. */
export async function readHeader(
  file: string,
  maxExpandedBytes = Number.POSITIVE_INFINITY,
): Promise<{ scope: "instance" | "organization"; organization?: { id: string; name: string } }> {
  try {
    const lines = readLines(file, Math.min(64 * 1024 * 1024, maxExpandedBytes));
    const first = await lines.next();
    await lines.return(undefined);
    if (first.done) throw new BackupRefused("the backup is empty");
    const header = JSON.parse(first.value) as { format?: string; scope?: string; organization?: { id: string; name: string } };
    if (typeof header !== "object" || header === null || header.format !== "isms-backup")
      throw new BackupRefused("the file is not an ISMS Workbench backup");
    return {
      scope: header.scope === "organization" ? "organization" : "instance",
      ...(header.organization ? { organization: header.organization } : {}),
    };
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`the file is not an ISMS Workbench backup (${(error as Error).message})`);
  }
}

/** The SHA-256 of the file as it is: named in the restore's audit event. */
async function fileHash(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Restores an organization's backup into this instance, next to the organizations it holds:
 *
 * 1. reads the file through, checking every table's checksum and the organization's audit chain
 *    (every link, and the recorded head); nothing is written when anything fails;
 * 2. keeps the ids when the organization is not here (moving it between instances keeps it
 *    exact), and gives every row of it a new id when it is (a second copy), replacing each id
 *    wherever it appears (foreign keys, references inside JSON text, counters' keys);
 * 3. links members to this instance's accounts by email; unknown emails become accounts that are
 *    disabled and have no password (an administrator enables them and they set one);
 * 4. writes everything in one transaction; when any id changed, the organization's events are
 *    re-chained (same content with the new ids, new hashes), and an `organization.restored` event
 *    in the instance's chain records the source chain's head (count and hash) next to the new one;
 * 5. signs the heads and verifies both chains.
 */
export async function restoreOrganizationFrom(
  db: Db,
  file: string,
  meta: WriteMeta,
  maxExpandedBytes?: number,
): Promise<OrganizationRestore> {
  const ids: string[] = [];
  const users: { id: string; email: string; display_name: string }[] = [];
  const source = { seq: 0, hash: GENESIS_HASH, problem: null as string | null, head: null as { seq: number; hash: string } | null };
  const columnsOf = new Map<string, string[]>();
  const { header, manifest } = await checkBackup(
    file,
    (h, table, row) => {
      if (h.scope !== "organization") return;
      let columns = columnsOf.get(table);
      if (!columns) {
        columns = h.tables.find((t) => t.name === table)?.columns ?? [];
        columnsOf.set(table, columns);
      }
      const record = (): Record<string, unknown> => Object.fromEntries((columns as string[]).map((c, i) => [c, row[i]]));
      if (table === "users") {
        const u = record();
        users.push({ id: String(u.id), email: String(u.email), display_name: String(u.display_name) });
        return;
      }
      if (table === "audit_heads") {
        const head = record();
        if (head.chain_key === h.organization?.id) source.head = { seq: Number(head.seq), hash: String(head.hash) };
        return;
      }
      if (table === "audit_events" && !source.problem) {
        const event = toChained(record());
        if (event.seq !== source.seq + 1) source.problem = `event ${event.seq} follows event ${source.seq}`;
        else if (event.prevHash !== source.hash) source.problem = `event ${event.seq} does not link to the one before it`;
        else if (eventHash(event, sha256) !== event.hash) source.problem = `event ${event.seq}'s content does not match its hash`;
        source.seq = event.seq;
        source.hash = event.hash;
      }
      const at = columns.indexOf("id");
      if (at >= 0 && typeof row[at] === "string") ids.push(row[at] as string);
    },
    maxExpandedBytes,
  );
  const org = header.organization;
  if (header.scope !== "organization" || !org)
    throw new BackupRefused("this is a backup of a whole instance: restore it into an empty database with `isms restore <file>`");
  const known = await knownMigrations();
  const missing = header.migrations.filter((m) => !known.includes(m));
  if (missing.length > 0)
    throw new BackupRefused(`the backup comes from a newer version (migrations ${missing.join(", ")}); upgrade first`);
  if (source.problem)
    throw new BackupRefused(`the organization's audit trail in the backup does not verify (${source.problem}); nothing was restored`);
  if (source.seq > 0 && (!source.head || source.head.seq !== source.seq || source.head.hash !== source.hash))
    throw new BackupRefused(
      "the organization's audit trail in the backup does not match its recorded head (events were removed); nothing was restored",
    );

  // Ids: kept when the organization is not here, all new when it is.
  const map = new Map<string, string>();
  const exists = await db.kysely.selectFrom("organizations").select("id").where("id", "=", org.id).executeTakeFirst();
  if (exists) {
    map.set(org.id, uuidv7());
    for (const id of ids) if (!map.has(id)) map.set(id, uuidv7());
  }
  ids.length = 0;
  // Members: matched by email; unknown ones created disabled, without a password.
  const usersLinked: string[] = [];
  const toCreate: { id: string; email: string; display_name: string }[] = [];
  for (const u of users) {
    const email = u.email.toLowerCase();
    const found = await db.kysely.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (found) {
      if (found.id !== u.id) map.set(u.id, found.id);
      usersLinked.push(email);
      continue;
    }
    const taken = await db.kysely.selectFrom("users").select("id").where("id", "=", u.id).executeTakeFirst();
    const id = taken ? uuidv7() : u.id;
    if (id !== u.id) map.set(u.id, id);
    toCreate.push({ id, email, display_name: u.display_name });
  }
  const rechain = map.size > 0;
  const remap = (v: unknown): unknown =>
    rechain && typeof v === "string" && v.length >= 36 ? v.replace(UUID, (m) => map.get(m) ?? map.get(m.toLowerCase()) ?? m) : v;
  const orgId = map.get(org.id) ?? org.id;
  const name = exists ? `${org.name} (restored ${new Date().toISOString().slice(0, 10)})` : org.name;
  const targetTables = new Map((await listTables(db)).map((t) => [t.name, t]));
  const backupHash = await fileHash(file);

  let rows = 0;
  let events = 0;
  try {
    await withWrite(db, meta, async (ctx) => {
      const trx = ctx.trx as AnyKysely;
      if (db.dialect === "postgres") await sql`set constraints all deferred`.execute(trx);
      for (const u of toCreate)
        await insertAudited(
          ctx,
          "users",
          {
            ...u,
            password_hash: "!restored: no password until one is set",
            is_instance_admin: 0,
            disabled_at: ctx.now,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          },
          { orgId: null, entityType: "user", action: "user.restored" },
        );
      let table: { name: string; columns: string[]; keep: number[] } | null = null;
      let batch: Record<string, unknown>[] = [];
      let prev = GENESIS_HASH;
      const flush = async () => {
        if (table && batch.length > 0) await trx.insertInto(table.name).values(batch).execute();
        batch = [];
        await breathe();
      };
      let first = true;
      for await (const line of readLines(file)) {
        if (first) {
          first = false;
          continue;
        }
        if (line.startsWith("[")) {
          if (!table) continue;
          const values = JSON.parse(line) as unknown[];
          const row: Record<string, unknown> = {};
          for (const i of table.keep) {
            const v = values[i];
            row[table.columns[i] as string] =
              v !== null && typeof v === "object" && "base64" in (v as object)
                ? Buffer.from((v as { base64: string }).base64, "base64")
                : remap(v);
          }
          if (table.name === "organizations") row.name = name;
          if (table.name === "audit_events") {
            events++;
            if (rechain) {
              const event = toChained(row);
              event.prevHash = prev;
              row.prev_hash = prev;
              row.hash = eventHash(event, sha256);
            }
            prev = row.hash as string;
          }
          batch.push(row);
          rows++;
          if (batch.length >= ROWS_PER_INSERT) await flush();
          continue;
        }
        await flush();
        table = null;
        const parsed = JSON.parse(line) as { table?: string };
        if (typeof parsed.table !== "string" || parsed.table === "users" || parsed.table === "audit_heads") continue;
        const columns = header.tables.find((t) => t.name === parsed.table)?.columns ?? [];
        const target = targetTables.get(parsed.table);
        if (!target) throw new BackupRefused(`this version has no table ${parsed.table}; nothing was restored`);
        table = { name: parsed.table, columns, keep: columns.flatMap((c, i) => (target.columns.includes(c) ? [i] : [])) };
      }
      await flush();
      if (events > 0) {
        const signature = ctx.auditKey
          ? { signature: ctx.auditKey.sign(headStatement(orgId, events, prev)), key_id: ctx.auditKey.id }
          : { signature: null, key_id: null };
        await ctx.trx
          .insertInto("audit_heads")
          .values({ chain_key: orgId, seq: events, hash: prev, ...signature })
          .execute();
      }
      await recordEvent(ctx, {
        orgId: null,
        action: "organization.restored",
        entityType: "organization",
        entityId: orgId,
        changes: {
          restored: {
            before: null,
            after: {
              name,
              sourceOrganizationId: org.id,
              newIds: Boolean(exists),
              backupSha256: backupHash,
              backupCreatedAt: header.createdAt,
              sourceChain: { events: source.seq, headHash: source.hash },
              chain: { events, headHash: prev },
              usersCreated: toCreate.map((u) => u.email),
            },
          },
        },
      });
    });
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`the organization could not be restored, nothing was changed: ${(error as Error).message}`);
  }
  for (const chain of [orgId, null]) {
    const verdict = await verifyAuditChain(db, chain);
    if (!verdict.intact)
      throw new BackupRefused(`the restored audit chain ${chain ?? SYSTEM_CHAIN} does not verify: ${verdict.brokenAt.reason}`);
  }
  return {
    orgId,
    name,
    newIds: Boolean(exists),
    tables: Object.keys(manifest.tables).length,
    rows,
    usersLinked,
    usersCreated: toCreate.map((u) => u.email),
    auditEvents: events,
    rechained: rechain,
  };
}

function toChained(e: Record<string, unknown>): ChainedEvent {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(e.id),
    chainKey: String(e.chain_key),
    seq: Number(e.seq),
    at: String(e.at),
    orgId: text(e.org_id),
    actorType: String(e.actor_type),
    actorId: text(e.actor_id),
    actorTokenId: text(e.actor_token_id),
    action: String(e.action),
    entityType: String(e.entity_type),
    entityId: text(e.entity_id),
    changes: String(e.changes),
    requestId: text(e.request_id),
    ip: text(e.ip),
    prevHash: String(e.prev_hash),
    hash: String(e.hash),
  };
}

/** Restores either kind of backup: an organization's is added to this instance, an instance's needs an empty database. */
export async function restoreBackup(
  db: Db,
  file: string,
  meta: WriteMeta,
  maxExpandedBytes?: number,
): Promise<{ scope: "instance"; tables: number; rows: number; chains: number } | ({ scope: "organization" } & OrganizationRestore)> {
  const { scope } = await readHeader(file, maxExpandedBytes);
  if (scope === "organization") return { scope, ...(await restoreOrganizationFrom(db, file, meta, maxExpandedBytes)) };
  return { scope, ...(await restoreFrom(db, file, maxExpandedBytes)) };
}
