import { type Kysely, sql } from "kysely";

/** Every numbered record: its table and the column its numbers count within. */
export const NUMBERED = [
  { table: "risks", scope: "org_id" },
  { table: "risk_methods", scope: "org_id" },
  { table: "soa_versions", scope: "org_id" },
  { table: "scope_statement_versions", scope: "org_id" },
  { table: "document_versions", scope: "document_id" },
] as const;

/**
 * One counter row per numbered table and scope (an organization, or a document for its versions),
 * taken with UPDATE … RETURNING inside the write (src/server/db/numbering.ts), so concurrent
 * creates queue on the row instead of both reading MAX(number) and colliding. Seeded from the
 * numbers already given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("number_counters")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("number_counters_pk", ["name", "scope"])
    .execute();
  for (const { table, scope } of NUMBERED)
    await sql`INSERT INTO number_counters (name, scope, value) SELECT ${table}, ${sql.ref(scope)}, MAX(number) FROM ${sql.table(table)} GROUP BY ${sql.ref(scope)}`.execute(
      db,
    );
}
