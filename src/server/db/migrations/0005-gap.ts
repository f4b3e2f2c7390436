import type { Kysely } from "kysely";

/**
 * The gap assessment (7.4): one row per organization and assessed reference item, written on
 * the first assessment; an item without a row is "not assessed".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("gap_assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("maturity", "integer")
    .addColumn("evidence", "text")
    .addColumn("findings", "text")
    .addColumn("justification", "text")
    .addColumn("assessed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("assessed_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("gap_assessments_unique").on("gap_assessments").columns(["org_id", "item_id"]).unique().execute();
}
