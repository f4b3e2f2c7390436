import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, sql, type Transaction } from "kysely";
import { signHeads, verifyAuditChain } from "../../audit/audit.repo.js";
import { SYSTEM_CHAIN } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
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
/**
 * The migrations this version knows. Loaded on use: the migrator gathers them from the list of
 * areas, which imports every area's routes, this module's among them.
 */
export const knownMigrations = async (): Promise<readonly string[]> => (await import("../../db/migrate.js")).migrationNames();

export const BACKUP_FORMAT = "isms-backup";
export const BACKUP_VERSION = 2;
/** Versions this one reads: 1 (whole instance, before organization backups) and 2. */
const READABLE_VERSIONS = [1, 2];

/** Kysely's own bookkeeping: the target's migrations make it. */
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock"]);

export interface TableInfo {
  name: string;
  columns: string[];
  /** Integer columns: PostgreSQL hands a bigint over as text, written here as the number it is. */
  integers: string[];
  /** Tables this one refers to. */
  refers: string[];
  /** Its foreign keys: the column and the table it refers to. */
  foreignKeys: { column: string; table: string }[];
  /** Its primary key's columns. */
  primaryKey: string[];
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
      const columns = await sql<{
        name: string;
        type: string;
        pk: number;
      }>`select name, type, pk from pragma_table_info(${name}) order by cid`.execute(source);
      const keys = await sql<{
        table: string;
        column: string;
      }>`select "table", "from" as "column" from pragma_foreign_key_list(${name})`.execute(source);
      tables.push({
        name,
        columns: columns.rows.map((c) => c.name),
        integers: integerColumns(columns.rows),
        refers: keys.rows.map((k) => k.table),
        foreignKeys: keys.rows.map((k) => ({ column: k.column, table: k.table })),
        primaryKey: columns.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
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
      const keys = await sql<{ table: string; column: string }>`select ccu.table_name as "table", kcu.column_name as "column"
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${name}`.execute(source);
      const primary = await sql<{ column: string }>`select kcu.column_name as "column"
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema() and tc.table_name = ${name}
        order by kcu.ordinal_position`.execute(source);
      tables.push({
        name,
        columns: columns.rows.map((c) => c.name),
        integers: integerColumns(columns.rows),
        refers: keys.rows.map((k) => k.table),
        foreignKeys: keys.rows.map((k) => ({ column: k.column, table: k.table })),
        primaryKey: primary.rows.map((k) => k.column),
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
  /** Version 2: what the backup holds, the whole instance or one organization (absent in version 1: the instance). */
  scope?: "instance" | "organization";
  /** For an organization backup: the organization as it was in the source. */
  organization?: { id: string; name: string };
  tables: { name: string; columns: string[] }[];
}

export interface Manifest {
  /** Version 2: `header` is the SHA-256 of the header line. */
  manifest: { header?: string; tables: Record<string, { rows: number; sha256: string }> };
}

const PAGE = 1000;

/** Normalises what the two drivers return, so a backup reads the same from either database. */
function value(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return { base64: v.toString("base64") };
  return v;
}

// biome-ignore lint/suspicious/noExplicitAny: tables are found at run time
export type AnySelect = any;

/** What a backup reads of one table: which columns, and which rows (all when no filter). */
export interface Selection {
  table: TableInfo;
  columns: string[];
  where?: (query: AnySelect) => AnySelect;
  /** Rows kept by a test in code (tables too small to need a query), after the filter. */
  keep?: (row: Record<string, unknown>) => boolean;
}

/**
 * Rows of a table in a stable order, a page at a time: by id (keyset paging) when the id is the
 * key, by chain and sequence for the audit trail, otherwise by every column (offset paging).
 */
async function* tableRows(trx: AnyKysely, selection: Selection): AsyncGenerator<unknown[][]> {
  const { table, columns } = selection;
  const integers = new Set(table.integers);
  const byId = table.primaryKey.length === 1 && table.primaryKey[0] === "id";
  const chained = table.columns.includes("seq") && table.columns.includes("chain_key");
  const key = table.columns.includes("id") ? "id" : (table.columns[0] as string);
  const order = chained ? ["chain_key", "seq"] : byId ? ["id"] : [key, ...table.columns.filter((c) => c !== key)];
  const select = Array.from(new Set([...columns, ...order]));
  let offset = 0;
  let last: Record<string, unknown> | null = null;
  for (;;) {
    let query = trx.selectFrom(table.name).select(select);
    if (selection.where) query = selection.where(query);
    if (last && byId) query = query.where("id", ">", last.id);
    else if (last && chained) {
      const after = last;
      query = query.where((eb: AnySelect) =>
        eb.or([eb("chain_key", ">", after.chain_key), eb.and([eb("chain_key", "=", after.chain_key), eb("seq", ">", after.seq)])]),
      );
    }
    for (const column of order) query = query.orderBy(column);
    query = query.limit(PAGE);
    if (!byId && !chained) query = query.offset(offset);
    const rows = (await query.execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    last = rows.at(-1) as Record<string, unknown>;
    offset += rows.length;
    const kept = selection.keep ? rows.filter(selection.keep) : rows;
    yield kept.map((r) =>
      columns.map((c) => {
        const v = value(r[c]);
        return integers.has(c) && typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
      }),
    );
    if (rows.length < PAGE) return;
    await breathe();
  }
}

/** Where a backup's rows go: written to the file, and (for an organization backup) seen on the way. */
export type RowWatcher = (table: string, columns: string[], row: unknown[]) => void;

/** Which tables and rows a backup holds, and what its header says of them. */
export interface BackupPlan {
  header: Partial<BackupHeader>;
  selections: Selection[];
  watch?: RowWatcher;
  /** Tables read after the others (their rows are kept by what the others held). */
  later?: () => Selection[];
}

/**
 * Writes a backup of the whole instance to `file`, read in one transaction (a snapshot: on
 * PostgreSQL repeatable read; on SQLite one read transaction), so writes served meanwhile are
 * either wholly in it or not at all. With `plan`, an organization backup: the plan picks the
 * tables and rows (see organization-backup.ts).
 */
export async function backupTo(
  db: Db,
  file: string,
  plan?: (trx: Transaction<Database>, tables: TableInfo[]) => Promise<BackupPlan>,
): Promise<Manifest["manifest"]> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await new Promise((r) => gzip.once("drain", r));
  };
  const manifest: Manifest["manifest"] = { header: "", tables: {} };
  const run = async (trx: Transaction<Database>) => {
    const tables = await listTables(db, trx);
    const chosen: BackupPlan = plan
      ? await plan(trx, tables)
      : { header: { scope: "instance" as const }, selections: tables.map((table) => ({ table, columns: table.columns })) };
    const later = chosen.later?.() ?? [];
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      migrations: [...(await knownMigrations())],
      sourceDialect: db.dialect,
      createdAt: new Date().toISOString(),
      ...chosen.header,
      tables: [...chosen.selections, ...later].map((s) => ({ name: s.table.name, columns: s.columns })),
    };
    const headerLine = JSON.stringify(header);
    manifest.header = createHash("sha256").update(headerLine).digest("hex");
    await write(headerLine);
    const one = async (selection: Selection) => {
      const hash = createHash("sha256");
      let rows = 0;
      await write(JSON.stringify({ table: selection.table.name }));
      for await (const page of tableRows(trx as AnyKysely, selection)) {
        for (const row of page) {
          const line = JSON.stringify(row);
          hash.update(`${line}\n`);
          rows++;
          chosen.watch?.(selection.table.name, selection.columns, row);
          await write(line);
        }
      }
      manifest.tables[selection.table.name] = { rows, sha256: hash.digest("hex") };
    };
    for (const selection of chosen.selections) await one(selection);
    for (const selection of later) await one(selection);
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

/** The longest line a backup may have (a row; the largest is a stored file's chunk, well below this). */
export const MAX_BACKUP_LINE = 32 * 1024 * 1024;

/**
 * The file's lines, decompressed as they are read: never more than one line (bounded by
 * MAX_BACKUP_LINE) held at once, so a hostile file cannot make the server hold it whole.
 */
export async function* readLines(file: string, maxExpandedBytes = Number.POSITIVE_INFINITY): AsyncGenerator<string> {
  const input = createGunzip();
  const source = createReadStream(file);
  // A file that cannot be read (missing, unreadable) ends the reading with its error, not the process.
  source.once("error", (error) => input.destroy(error));
  source.pipe(input);
  let parts: Buffer[] = [];
  let length = 0;
  let expanded = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > maxExpandedBytes)
        throw new BackupRefused(
          `the backup expands to more than ${maxExpandedBytes} bytes (limit: ISMS_RESTORE_MAX_BYTES × ISMS_UPLOAD_MAX_COMPRESSION_RATIO)`,
        );
      let start = 0;
      for (;;) {
        if (parts.length === 0) while (start < chunk.length && chunk[start] === 10) start++;
        const at = chunk.indexOf(10, start);
        if (at === -1) break;
        const piece = chunk.subarray(start, at);
        const line = parts.length === 0 ? piece.toString("utf8") : Buffer.concat([...parts, piece]).toString("utf8");
        parts = [];
        length = 0;
        start = at + 1;
        if (line !== "") yield line;
      }
      if (start < chunk.length) {
        parts.push(chunk.subarray(start));
        length += chunk.length - start;
        if (length > MAX_BACKUP_LINE)
          throw new BackupRefused(`the backup has a line longer than ${MAX_BACKUP_LINE} bytes: it is not a backup this version wrote`);
      }
    }
  } finally {
    source.destroy();
    input.destroy();
  }
  if (length > 0) {
    const line = Buffer.concat(parts).toString("utf8");
    if (line !== "") yield line;
  }
}

/** Reads a backup through: its header, and whether every table's lines match the manifest. */
export async function checkBackup(
  file: string,
  onRow?: (header: BackupHeader, table: string, row: unknown[]) => void,
  maxExpandedBytes?: number,
): Promise<{ header: BackupHeader; manifest: Manifest["manifest"] }> {
  let header: BackupHeader | null = null;
  let headerHash = "";
  let manifest: Manifest["manifest"] | null = null;
  const seen: Record<string, { rows: number; sha256: string }> = {};
  let current: { name: string; hash: ReturnType<typeof createHash>; rows: number } | null = null;
  const finish = () => {
    if (current) seen[current.name] = { rows: current.rows, sha256: current.hash.digest("hex") };
    current = null;
  };
  try {
    for await (const line of readLines(file, maxExpandedBytes)) {
      if (!header) {
        headerHash = createHash("sha256").update(line).digest("hex");
        header = JSON.parse(line) as BackupHeader;
        if (typeof header !== "object" || header === null || header.format !== BACKUP_FORMAT)
          throw new BackupRefused("the file is not an ISMS Workbench backup");
        if (!READABLE_VERSIONS.includes(header.version))
          throw new BackupRefused(
            `backup format version ${header.version} is not supported (this version reads ${READABLE_VERSIONS.join(" and ")})`,
          );
        continue;
      }
      if (manifest) throw new BackupRefused("the backup has lines after its manifest");
      if (line.startsWith("[")) {
        if (!current) throw new BackupRefused("the backup has a row outside a table");
        current.hash.update(`${line}\n`);
        current.rows++;
        if (onRow) onRow(header, current.name, JSON.parse(line) as unknown[]);
        if (current.rows % PAGE === 0) await breathe();
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
  if (header.version >= 2 && manifest.header !== headerHash)
    throw new BackupRefused("the backup's header does not match its checksum: the file was changed or damaged; nothing was restored");
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
export async function restoreFrom(
  db: Db,
  file: string,
  maxExpandedBytes?: number,
): Promise<{ tables: number; rows: number; chains: number }> {
  const { header, manifest } = await checkBackup(file, undefined, maxExpandedBytes);
  if (header.scope === "organization")
    throw new BackupRefused("this is an organization's backup: restore it with `isms restore <file> --org` (it adds the organization)");
  const known = await knownMigrations();
  const missing = header.migrations.filter((m) => !known.includes(m));
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
