import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, Migrator, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../../../test/helpers/db.js";
import { type Db, openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import * as m0001 from "../../db/migrations/0001-foundation.js";
import * as m0002 from "../../db/migrations/0002-process.js";
import * as m0003 from "../../db/migrations/0003-scope.js";

let db: Db;
let drop: () => Promise<void>;

/** An empty database, not migrated: this file upgrades one that holds phase 1 data. */
async function emptyDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (TEST_DB === "postgres") {
    const url = process.env.ISMS_TEST_POSTGRES_URL as string;
    const schema = `m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const run = async (statement: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await run(`CREATE SCHEMA ${schema}`);
    const opened = openDatabase(url, { schema });
    const dropSchema = async () => {
      await opened.close();
      await run(`DROP SCHEMA ${schema} CASCADE`);
    };
    return { db: opened, drop: dropSchema };
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-migration-"));
  const opened = openDatabase(`sqlite:${join(dir, "test.sqlite")}`);
  const dropFile = async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db: opened, drop: dropFile };
}

const now = "2026-01-15T10:00:00.000Z";
const obligation = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  org_id: "org-1",
  title,
  kind: "legal",
  source: null,
  jurisdiction: null,
  reference: null,
  owner: null,
  notes: null,
  created_at: now,
  updated_at: now,
  version: 1,
  ...extra,
});

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  // The database as the release before this migration left it.
  const schema =
    db.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const before = { "0001-foundation": m0001, "0002-process": m0002, "0003-scope": m0003 };
  const { error } = await new Migrator({
    db: db.kysely,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(Object.entries(before).map(([name, step]) => [name, { up: (k: Kysely<unknown>) => step.up(k, db.dialect) }])),
    },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) throw error;
  await db.kysely
    .insertInto("organizations")
    .values({ id: "org-1", name: "Acme", settings: "{}", created_at: now, updated_at: now, version: 1 })
    .execute();
  await db.kysely
    .insertInto("obligations")
    .values([
      obligation("o-1", "GDPR", {
        source: "Regulation (EU) 2016/679",
        jurisdiction: "EU",
        reference: "Art. 32",
        owner: "DPO",
        notes: "n",
        version: 3,
      }),
      obligation("o-2", "NIS2", { kind: "regulatory" }),
    ] as never)
    .execute();
});
afterAll(async () => drop());

describe("migration 0004 on a database with phase 1 obligations", () => {
  it("keeps every obligation and its fields, and adds the requirements analysis' columns empty", async () => {
    const report = await migrateToLatest(db);
    expect(report.applied[0]).toBe("0004-requirements-assets");
    const rows = await db.kysely.selectFrom("obligations").selectAll().orderBy("id").execute();
    expect(rows).toEqual([
      {
        ...obligation("o-1", "GDPR", {
          source: "Regulation (EU) 2016/679",
          jurisdiction: "EU",
          reference: "Art. 32",
          owner: "DPO",
          notes: "n",
          version: 3,
        }),
        confidentiality: null,
        integrity: null,
        availability: null,
        external_ref: null,
        interested_party_id: null,
      },
      {
        ...obligation("o-2", "NIS2", { kind: "regulatory" }),
        confidentiality: null,
        integrity: null,
        availability: null,
        external_ref: null,
        interested_party_id: null,
      },
    ]);
  });

  it("keeps external references unique per organization once set, while many obligations have none", async () => {
    await db.kysely.updateTable("obligations").set({ external_ref: "LEX-1" }).where("id", "=", "o-1").execute();
    await expect(db.kysely.updateTable("obligations").set({ external_ref: "LEX-1" }).where("id", "=", "o-2").execute()).rejects.toThrow();
    await db.kysely
      .insertInto("obligations")
      .values(obligation("o-3", "Contract") as never)
      .execute();
    expect((await db.kysely.selectFrom("obligations").select("id").where("external_ref", "is", null).execute()).length).toBe(2);
  });
});
