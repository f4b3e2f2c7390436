import type { Kysely } from "kysely";

/**
 * Integrity of the record (issue 16): signed audit chain heads; proposals to change separation
 * of duties, decided by a second person; approvals that record whether separation of duties
 * was off when they were given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The head's signature with the audit key (kept outside the database) and which key made it.
  await db.schema.alterTable("audit_heads").addColumn("signature", "text").execute();
  await db.schema.alterTable("audit_heads").addColumn("key_id", "text").execute();

  await db.schema
    .alterTable("approvals")
    .addColumn("sod_off", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("sod_proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("separation_of_duties", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposed_by", "text")
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("sod_proposals_org_id_proposed_at").on("sod_proposals").columns(["org_id", "proposed_at"]).execute();
}
