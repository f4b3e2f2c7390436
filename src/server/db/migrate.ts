import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Db, Dialect } from "./database.js";
import * as m0001 from "./migrations/0001-foundation.js";
import * as m0002 from "./migrations/0002-process.js";
import * as m0003 from "./migrations/0003-scope.js";
import * as m0004 from "./migrations/0004-requirements-assets.js";
import * as m0005 from "./migrations/0005-gap.js";
import * as m0006 from "./migrations/0006-imports.js";
import * as m0007 from "./migrations/0007-documents.js";
import * as m0008 from "./migrations/0008-risk.js";
import * as m0009 from "./migrations/0009-login-throttle.js";
import * as m0010 from "./migrations/0010-number-counters.js";
import * as m0011 from "./migrations/0011-integrity.js";
import * as m0012 from "./migrations/0012-orgdocs.js";
import * as m0013 from "./migrations/0013-plan.js";
import * as m0014 from "./migrations/0014-measure.js";
import * as m0015 from "./migrations/0015-internal-audit.js";
import * as m0016 from "./migrations/0016-deliverables.js";
import * as m0017 from "./migrations/0017-import-files.js";
import * as m0018 from "./migrations/0018-audit-names.js";
import * as m0024 from "./migrations/0024-one-role-model.js";

type Step = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** Migrations are plain modules listed here in order; one set serves both dialects. */
export const STEPS: Record<string, Step> = {
  "0001-foundation": m0001,
  "0002-process": m0002,
  "0003-scope": m0003,
  "0004-requirements-assets": m0004,
  "0005-gap": m0005,
  "0006-imports": m0006,
  "0007-documents": m0007,
  "0008-risk": m0008,
  "0009-login-throttle": m0009,
  "0010-number-counters": m0010,
  "0011-integrity": m0011,
  "0012-orgdocs": m0012,
  "0013-plan": m0013,
  "0014-measure": m0014,
  "0015-internal-audit": m0015,
  "0016-deliverables": m0016,
  "0017-import-files": m0017,
  "0018-audit-names": m0018,
  "0024-one-role-model": m0024,
};

export const MIGRATION_NAMES: readonly string[] = Object.keys(STEPS);

class ListedMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(STEPS).map(([name, step]) => [name, { up: (db: Kysely<unknown>) => step.up(db, this.dialect) }]),
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
