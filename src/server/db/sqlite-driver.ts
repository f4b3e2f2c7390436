import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from "kysely";

/** What the driver needs of a better-sqlite3 database (with the statement cache in front). */
export interface SqliteHandle {
  prepare(sql: string): {
    reader: boolean;
    all(parameters: readonly unknown[]): unknown[];
    run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
    iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
  };
  close(): void;
}

function run(db: SqliteHandle, query: CompiledQuery): QueryResult<unknown> {
  const statement = db.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** One writer at a time: SQLite has one write connection, held by a transaction until it ends. */
class Mutex {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  unlock(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

/**
 * A connection handed to one query or one transaction. It takes the write connection only when
 * it first needs it: a plain SELECT outside a transaction runs on the read connection (WAL lets
 * it read the last committed state while a long transaction writes), so reads never queue
 * behind an import's commit. Anything else (writes, raw SQL, every statement of a transaction)
 * runs on the write connection, in order.
 */
class RoutedConnection implements DatabaseConnection {
  holding = false;
  constructor(private readonly driver: SplitSqliteDriver) {}

  async take(): Promise<void> {
    if (this.holding) return;
    await this.driver.mutex.lock();
    this.holding = true;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { readConnection } = this.driver;
    if (!this.holding && readConnection && SelectQueryNode.is(query.query)) return run(readConnection, query) as QueryResult<R>;
    await this.take();
    return run(this.driver.writeConnection, query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error("SQLite streams only SELECT queries");
    const { readConnection } = this.driver;
    if (this.holding || !readConnection) await this.take();
    const db = this.holding ? this.driver.writeConnection : (readConnection as SqliteHandle);
    for (const row of db.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }
}

class SplitSqliteDriver implements Driver {
  readonly mutex = new Mutex();
  constructor(
    readonly writeConnection: SqliteHandle,
    readonly readConnection: SqliteHandle | null,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).take();
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
    void compile;
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    if (!routed.holding) return;
    routed.holding = false;
    this.mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.readConnection?.close();
    this.writeConnection.close();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * SQLite with a write connection and, for a database file, a read connection beside it: a
 * long write transaction (an import's commit, a restore) then holds up only other writes,
 * which wait for it without blocking the event loop, while reads carry on.
 */
export class SplitSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writeConnection: SqliteHandle,
    private readonly readConnection: SqliteHandle | null,
  ) {
    // The base class's driver is never made; its adapter, compiler and introspector are used.
    super({ database: writeConnection as never });
  }
  override createDriver(): Driver {
    return new SplitSqliteDriver(this.writeConnection, this.readConnection);
  }
}
