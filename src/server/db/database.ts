import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type AuditKey, auditKeyFromPem, defaultKeyFile, generateAuditKeyPem, keyFromFile } from "../audit/audit-key.js";
import type { Database } from "./schema.js";
import { checkpointInBackground } from "./sqlite-checkpointer.js";
import { SplitSqliteDialect } from "./sqlite-driver.js";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Signs the audit chain heads; null when none is configured (heads are then written unsigned). */
  auditKey: AuditKey | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  schema?: string;
  poolSize?: number;
  /**
   * The audit key (see ../audit/audit-key.ts). When not given, a SQLite file uses (and on first
   * use makes) the key file beside it, an in-memory SQLite database a key of its own, and
   * PostgreSQL none.
   */
  auditKey?: AuditKey | null;
}

/** Opens the database named by a DATABASE_URL (`sqlite:<path>` or `postgres://…`). */
export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: "postgres", auditKey: options.auditKey ?? null, close: () => kysely.destroy() };
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const auditKey =
    options.auditKey !== undefined
      ? options.auditKey
      : path === ":memory:"
        ? auditKeyFromPem(generateAuditKeyPem())
        : keyFromFile(defaultKeyFile(path), true);
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // A file gets a read connection beside the write one (an in-memory database is one connection's own).
  let readConnection: SqliteDatabase.Database | null = null;
  let stopCheckpoints = () => {};
  if (path !== ":memory:" && !path.startsWith("file::memory:")) {
    readConnection = new SqliteDatabase(path);
    readConnection.pragma("busy_timeout = 5000");
    readConnection.pragma("query_only = ON");
    // Checkpoints happen in a worker thread, never inside a commit on the event loop (sqlite-checkpointer.ts).
    sqlite.pragma("wal_autocheckpoint = 0");
    stopCheckpoints = checkpointInBackground(resolve(path));
  }
  const kysely = new Kysely<Database>({
    dialect: new SplitSqliteDialect(withStatementCache(sqlite), readConnection ? withStatementCache(readConnection) : null),
  });
  const close = async () => {
    await kysely.destroy();
    stopCheckpoints();
  };
  return { kysely, dialect: "sqlite", auditKey, close };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs as much as running a small query, so the
 * prepared statements are kept by their SQL text (queries are parameterised, so the set is small).
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function sqlitePath(url: string): string {
  if (!url.startsWith("sqlite:")) throw new Error(`not a sqlite URL: ${url}`);
  return url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
