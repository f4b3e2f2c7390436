import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, sql, type Transaction } from "kysely";
import { signHeads, verifyAuditChain } from "../../audit/audit.repo.js";
import { SYSTEM_CHAIN } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { MIGRATION_NAMES } from "../../db/migrate.js";
import type { Database } from "../../db/schema.js";
import { breathe } from "../../workers/breathe.js";

/**
 * Backup and restore of the whole instance, generic over every table the migrations made:
 * the tables and their foreign keys are read from the database's catalog, so a table added by a
 * later migration is included with no code here. Format (docs/operations.md): a gzip stream of
 * JSON lines — a header line, then per table a `{"table": …}` line followed by one JSON array of
 * values per row (in the header's column order), and a last line, the manifest, with each
 * table's row count and the SHA-256 of its lines. A restore reads the file twice: first only to
 * check every checksum (nothing changes when one fails), then to write it in one transaction.
 */
export const BACKUP_FORMAT = "isms-backup";
export const BACKUP_VERSION = 1;

/** Kysely's own bookkeeping: the target's migrations make it. */
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock"]);

interface TableInfo {
  name: string;
  columns: string[];
  /** Integer columns: PostgreSQL hands a bigint over as text, written here as the number it is. */
  integers: string[];
  /** Tables this one refers to. */
  refers: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: tables are found at run time
type AnyKysely = Kysely<any>;

/** Every table with its columns and foreign keys, parents before the tables that refer to them. */
export async function listTables(db: Db, source: Kysely<Database> | Transaction<Database> = db.kysely): Promise<TableInfo[]> {
  const tables: TableInfo[] = [];
  if (db.dialect === "sqlite") {
    const names = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(source);
    for (const { name } of names.rows) {
      if (SKIPPED.has(name)) continue;
      const columns = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name}) order by cid`.execute(
        source,
      );
      const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(source);
      tables.push({
        name,
        columns: columns.rows.map((c) => c.name),
        integers: integerColumns(columns.rows),
        refers: keys.rows.map((k) => k.table),
      });
    }
  } else {
    const names = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(source);
    for (const { name } of names.rows) {
      if (SKIPPED.has(name)) continue;
      const columns = await sql<{
        name: string;
        type: string;
      }>`select column_name as name, data_type as type from information_schema.columns
        where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(source);
      const keys = await sql<{ table: string }>`select ccu.table_name as "table"
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${name}`.execute(source);
      tables.push({
        name,
        columns: columns.rows.map((c) => c.name),
        integers: integerColumns(columns.rows),
        refers: keys.rows.map((k) => k.table),
      });
    }
  }
  return orderByReferences(tables);
}

const integerColumns = (columns: { name: string; type: string }[]) => columns.filter((c) => /int/i.test(c.type)).map((c) => c.name);

/** Parents first; a table referring to itself (a tree) is taken as it comes, its rows written in id order. */
export function orderByReferences<T extends { name: string; refers: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: T[] = [];
  const visit = (t: T) => {
    if (done.has(t.name) || visiting.has(t.name)) return;
    visiting.add(t.name);
    for (const parent of t.refers) {
      const p = byName.get(parent);
      if (p && p.name !== t.name) visit(p);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The migrations the source had applied: a restore needs a target at least as new. */
  migrations: string[];
  sourceDialect: string;
  createdAt: string;
  tables: { name: string; columns: string[] }[];
}

export interface Manifest {
  manifest: { tables: Record<string, { rows: number; sha256: string }> };
}

const PAGE = 1000;

/** Normalises what the two drivers return, so a backup reads the same from either database. */
function value(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return { base64: v.toString("base64") };
  return v;
}

/** Rows of a table in a stable order (by its first column, the primary key in every table here). */
async function* tableRows(trx: AnyKysely, table: TableInfo): AsyncGenerator<unknown[][]> {
  let offset = 0;
  const key = table.columns.includes("id") ? "id" : (table.columns[0] as string);
  const order =
    table.columns.includes("seq") && table.columns.includes("chain_key")
      ? ["chain_key", "seq"]
      : [key, ...table.columns.filter((c) => c !== key)];
  for (;;) {
    let query = trx.selectFrom(table.name).select(table.columns);
    for (const column of order) query = query.orderBy(column);
    const rows = (await query.limit(PAGE).offset(offset).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    const integers = new Set(table.integers);
    yield rows.map((r) =>
      table.columns.map((c) => {
        const v = value(r[c]);
        return integers.has(c) && typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
      }),
    );
    offset += rows.length;
    await breathe();
  }
}

/**
 * Writes a backup of the whole instance to `file`, read in one transaction (a snapshot: on
 * PostgreSQL repeatable read; on SQLite one read transaction), so writes served meanwhile are
 * either wholly in it or not at all.
 */
export async function backupTo(db: Db, file: string): Promise<Manifest["manifest"]> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await new Promise((r) => gzip.once("drain", r));
  };
  const manifest: Manifest["manifest"] = { tables: {} };
  const run = async (trx: Transaction<Database>) => {
    const tables = await listTables(db, trx);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      migrations: [...MIGRATION_NAMES],
      sourceDialect: db.dialect,
      createdAt: new Date().toISOString(),
      tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
    };
    await write(JSON.stringify(header));
    for (const table of tables) {
      const hash = createHash("sha256");
      let rows = 0;
      await write(JSON.stringify({ table: table.name }));
      for await (const page of tableRows(trx as AnyKysely, table)) {
        for (const row of page) {
          const line = JSON.stringify(row);
          hash.update(`${line}\n`);
          rows++;
          await write(line);
        }
      }
      manifest.tables[table.name] = { rows, sha256: hash.digest("hex") };
    }
  };
  try {
    if (db.dialect === "postgres") await db.kysely.transaction().setIsolationLevel("repeatable read").execute(run);
    else await db.kysely.transaction().execute(run);
    await write(JSON.stringify({ manifest } satisfies Manifest));
    gzip.end();
    await done;
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  return manifest;
}

export class BackupRefused extends Error {}

async function* readLines(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line !== "") yield line;
}

/** Reads a backup through: its header, and whether every table's lines match the manifest. */
export async function checkBackup(file: string): Promise<{ header: BackupHeader; manifest: Manifest["manifest"] }> {
  let header: BackupHeader | null = null;
  let manifest: Manifest["manifest"] | null = null;
  const seen: Record<string, { rows: number; sha256: string }> = {};
  let current: { name: string; hash: ReturnType<typeof createHash>; rows: number } | null = null;
  const finish = () => {
    if (current) seen[current.name] = { rows: current.rows, sha256: current.hash.digest("hex") };
    current = null;
  };
  try {
    for await (const line of readLines(file)) {
      if (!header) {
        header = JSON.parse(line) as BackupHeader;
        if (header.format !== BACKUP_FORMAT) throw new BackupRefused("the file is not an ISMS Workbench backup");
        if (header.version !== BACKUP_VERSION)
          throw new BackupRefused(`backup format version ${header.version} is not supported (this version reads ${BACKUP_VERSION})`);
        continue;
      }
      if (manifest) throw new BackupRefused("the backup has lines after its manifest");
      if (line.startsWith("[")) {
        if (!current) throw new BackupRefused("the backup has a row outside a table");
        current.hash.update(`${line}\n`);
        current.rows++;
        continue;
      }
      const parsed = JSON.parse(line) as { table?: string } & Partial<Manifest>;
      finish();
      if (parsed.manifest) manifest = parsed.manifest;
      else if (typeof parsed.table === "string") current = { name: parsed.table, hash: createHash("sha256"), rows: 0 };
      else throw new BackupRefused("the backup has a line it cannot read");
      await breathe();
    }
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`the backup cannot be read: ${(error as Error).message}`);
  }
  if (!header || !manifest) throw new BackupRefused("the backup is incomplete: it has no manifest (was it cut short?)");
  for (const [name, expected] of Object.entries(manifest.tables)) {
    const got = seen[name];
    if (!got || got.rows !== expected.rows || got.sha256 !== expected.sha256)
      throw new BackupRefused(
        `the backup's table ${name} does not match its checksum: the file was changed or damaged; nothing was restored`,
      );
  }
  for (const name of Object.keys(seen))
    if (!manifest.tables[name]) throw new BackupRefused(`the backup's table ${name} is not in its manifest; nothing was restored`);
  return { header, manifest };
}

const ROWS_PER_INSERT = 100;

/**
 * Restores a backup into an empty database (migrated to this version): checks every checksum
 * first, then writes every table in one transaction, then signs the audit chain heads with this
 * instance's key (the source's key is not here) once each chain's links verify, and verifies them.
 */
export async function restoreFrom(db: Db, file: string): Promise<{ tables: number; rows: number; chains: number }> {
  const { header, manifest } = await checkBackup(file);
  const missing = header.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
  if (missing.length > 0)
    throw new BackupRefused(`the backup comes from a newer version (migrations ${missing.join(", ")}); upgrade first`);
  const targetTables = new Map((await listTables(db)).map((t) => [t.name, t]));
  for (const table of ["users", "organizations", "audit_events"]) {
    const any = await (db.kysely as AnyKysely).selectFrom(table).select(sql`1`.as("x")).limit(1).execute();
    if (any.length > 0) throw new BackupRefused("the database is not empty: restore into a new, empty database");
  }
  let rows = 0;
  await db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === "postgres") await sql`set constraints all deferred`.execute(trx);
    let table: { name: string; columns: string[]; keep: number[] } | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await (trx as AnyKysely).insertInto(table.name).values(batch).execute();
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
            v !== null && typeof v === "object" && "base64" in (v as object) ? Buffer.from((v as { base64: string }).base64, "base64") : v;
        }
        batch.push(row);
        rows++;
        if (batch.length >= ROWS_PER_INSERT) await flush();
        continue;
      }
      await flush();
      const parsed = JSON.parse(line) as { table?: string };
      if (typeof parsed.table !== "string") continue;
      const columns = header.tables.find((t) => t.name === parsed.table)?.columns ?? [];
      const target = targetTables.get(parsed.table);
      if (!target) throw new BackupRefused(`this version has no table ${parsed.table}; nothing was restored`);
      // Columns this version no longer has are left out; its new columns take their defaults.
      table = { name: parsed.table, columns, keep: columns.flatMap((c, i) => (target.columns.includes(c) ? [i] : [])) };
    }
    await flush();
    // Tables the migrations fill themselves (none today) would collide; counters restored as they were.
  });
  if (db.auditKey) await signHeads(db, { onlyUnsigned: false });
  const chains = await db.kysely.selectFrom("audit_heads").select("chain_key").execute();
  for (const { chain_key } of chains) {
    const verdict = await verifyAuditChain(db, chain_key === SYSTEM_CHAIN ? null : chain_key);
    if (!verdict.intact)
      throw new BackupRefused(`the restored audit chain ${chain_key} does not verify: ${verdict.brokenAt?.reason ?? "broken"}`);
  }
  return { tables: Object.keys(manifest.tables).length, rows, chains: chains.length };
}
