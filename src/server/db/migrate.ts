import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { AREAS } from "../modules/areas.js";
import type { Db, Dialect } from "./database.js";
import * as m0001 from "./migrations/0001-foundation.js";
import * as m0009 from "./migrations/0009-login-throttle.js";
import * as m0010 from "./migrations/0010-number-counters.js";
import * as m0011 from "./migrations/0011-integrity.js";
import * as m0018 from "./migrations/0018-audit-names.js";

export type MigrationStep = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** The platform's own migrations: accounts, organizations, the audit log and what every area shares. */
const PLATFORM: Record<string, MigrationStep> = {
  "0001-foundation": m0001,
  "0009-login-throttle": m0009,
  "0010-number-counters": m0010,
  "0011-integrity": m0011,
  "0018-audit-names": m0018,
};

let steps: Readonly<Record<string, MigrationStep>> | undefined;

/**
 * Every migration, the platform's and each area's (from its manifest), in the order of their
 * numbers; one set serves both dialects. Gathered on first use: the areas' modules use this one.
 */
export function migrationSteps(): Readonly<Record<string, MigrationStep>> {
  if (!steps) {
    const all = [PLATFORM, ...AREAS.map((area) => area.migrations ?? {})].flatMap((listed) => Object.entries(listed));
    const names = all.map(([name]) => name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`migration ${twice} is declared twice`);
    steps = Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return steps;
}

/** The names of every migration, in the order they apply. */
export const migrationNames = (): readonly string[] => Object.keys(migrationSteps());

class ListedMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrationSteps()).map(([name, step]) => [name, { up: (db: Kysely<unknown>) => step.up(db, this.dialect) }]),
    );
  }
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one, so a second
  // ISMS database in another schema of the same PostgreSQL database would be taken as migrated.
  const schema =
    db.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: new ListedMigrations(db.dialect),
    // Areas are built in parallel and their migrations may land out of number order; each
    // migration touches only its own tables, so applying a late lower number is safe.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : `cannot migrate the database: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
