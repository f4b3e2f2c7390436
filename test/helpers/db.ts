import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Db, openDatabase } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";

export const TEST_DB = process.env.ISMS_TEST_DB === "postgres" ? "postgres" : "sqlite";

export interface TestDatabase {
  db: Db;
  url: string;
  /** PostgreSQL: the schema this test file works in. */
  schema?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === "postgres") {
    const url = process.env.ISMS_TEST_POSTGRES_URL;
    if (!url) throw new Error("ISMS_TEST_DB=postgres needs ISMS_TEST_POSTGRES_URL");
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openDatabase(url, { schema });
    const drop = async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
    try {
      await migrateToLatest(db);
    } catch (err) {
      await drop();
      throw err;
    }
    return {
      db,
      url,
      schema,
      drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-db-"));
  const url = `sqlite:${join(dir, "test.sqlite")}`;
  const db = openDatabase(url);
  await migrateToLatest(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
