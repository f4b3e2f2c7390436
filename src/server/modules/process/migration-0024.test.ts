import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, Migrator, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../../../test/helpers/db.js";
import { type Db, openDatabase } from "../../db/database.js";
import { migrateToLatest, migrationSteps } from "../../db/migrate.js";

let db: Db;
let drop: () => Promise<void>;

/** An empty database, not migrated: this file upgrades one that holds project roles and Annex B roles. */
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
    return {
      db: opened,
      drop: async () => {
        await opened.close();
        await run(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-migration-"));
  const opened = openDatabase(`sqlite:${join(dir, "test.sqlite")}`);
  return {
    db: opened,
    drop: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const now = "2026-01-15T10:00:00.000Z";
const record = (id: string, org = "org-1") => ({ id, org_id: org, created_at: now, updated_at: now, version: 1 });
const role = (id: string, key: string, org = "org-1") => ({ ...record(id, org), key, title: key, description: "d", mandatory: 1 });
const projectRole = (id: string, key: string, person: string | null, org = "org-1") => ({
  ...record(id, org),
  key,
  title: key,
  required: 1,
  person_name: person,
  user_id: null,
});

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  const schema =
    db.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  // The database as the release before this migration left it.
  const before = Object.entries(migrationSteps()).filter(([name]) => name < "0024");
  const { error } = await new Migrator({
    db: db.kysely,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(before.map(([name, step]) => [name, { up: (k: Kysely<unknown>) => step.up(k, db.dialect) }])),
    },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) throw error;
  const k = db.kysely as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const id of ["org-1", "org-2"]) {
    await k.insertInto("organizations").values({ id, name: id, settings: "{}", created_at: now, updated_at: now, version: 1 }).execute();
  }
  await k
    .insertInto("isms_roles")
    .values([role("r-top", "top_management"), role("r-mgr", "isms_manager"), role("r-plan", "planning_team")])
    .execute();
  // Dana already holds top management on Roles & RACI: the sponsor links to her, not a second copy.
  await k
    .insertInto("role_assignments")
    .values({ ...record("a-dana"), role_id: "r-top", user_id: null, person_name: "Dana Director" })
    .execute();
  await k
    .insertInto("project_roles")
    .values([
      projectRole("p-sponsor", "sponsor", "Dana Director"),
      projectRole("p-lead", "project_lead", "Lee Lead"),
      projectRole("p-plan", "planning_team", "  "),
      // org-2 never opened Roles & RACI: its roles are seeded later, which links them (seedRoles).
      projectRole("p-other", "sponsor", "Olga Owner", "org-2"),
    ])
    .execute();
});
afterAll(async () => drop());

describe("migration 0024: one role model", () => {
  it("puts every project-role holder in the ISMS role on Roles & RACI, linking what is already there, losing nothing", async () => {
    const report = await migrateToLatest(db);
    expect(report.applied).toEqual(["0024-one-role-model"]);
    const k = db.kysely;
    const rows = await k.selectFrom("project_roles").selectAll().orderBy("id").execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("p-sponsor")).toMatchObject({ person_name: "Dana Director", assignment_id: "a-dana", version: 1 });
    expect(byId.get("p-lead")?.person_name).toBe("Lee Lead");
    expect(byId.get("p-plan")?.assignment_id).toBeNull();
    expect(byId.get("p-other")).toMatchObject({ person_name: "Olga Owner", assignment_id: null });
    const assignments = await k.selectFrom("role_assignments").selectAll().orderBy("role_id").orderBy("id").execute();
    expect(assignments.map((a) => [a.role_id, a.person_name])).toEqual([
      ["r-mgr", "Lee Lead"],
      ["r-top", "Dana Director"],
    ]);
    expect(byId.get("p-lead")?.assignment_id).toBe(assignments[0]?.id);
  });
});
