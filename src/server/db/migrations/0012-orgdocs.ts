import { type CreateTableBuilder, type Kysely, sql } from "kysely";

type Table = CreateTableBuilder<string, never>;

// Migrations are frozen once shipped, so each keeps its own copy of the column helpers it uses.
const editable = (table: Table): Table =>
  table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1));

/**
 * Phase 5, design of the ISMS (9.2): the security organization (committees, reporting lines,
 * deputies, segregation-of-duties rules), the document register grown from the phase 2
 * document control (owner and approver as members, review cycle, links to clauses, controls,
 * risks and requirements, content-bound approvals) and evidence files kept in the database in
 * chunks, so that several instances on one PostgreSQL see the same files.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  // --- the document register: columns added, nothing removed or rewritten ---
  for (const [column, type] of [
    ["owner_user_id", "text"],
    ["approver_user_id", "text"],
    ["template_key", "text"],
    ["responsible_role", "text"],
  ] as const) {
    await db.schema.alterTable("documents").addColumn(column, type).execute();
  }
  await db.schema
    .alterTable("documents")
    .addColumn("review_cycle_months", "integer", (c) => c.notNull().defaultTo(12))
    .execute();
  await db.schema
    .alterTable("documents")
    .addColumn("links", "text", (c) => c.notNull().defaultTo('{"clauses":[],"controls":[],"risks":[],"requirements":[]}'))
    .execute();
  // The owner was a name: where it names a member of the organization, that member now owns it.
  await sql`UPDATE documents SET owner_user_id = (
      SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE m.org_id = documents.org_id AND lower(u.display_name) = lower(documents.owner)
      ORDER BY u.id LIMIT 1)`.execute(db);
  // The ISMS policy is the documented information clause 5.2 asks for.
  await sql`UPDATE documents SET links = '{"clauses":["5.2"],"controls":["A.5.1"],"risks":[],"requirements":[]}' WHERE type = 'isms_policy'`.execute(
    db,
  );

  // An approval given in the register is bound to the exact content approved.
  await db.schema.alterTable("document_versions").addColumn("approval_hash", "text").execute();
  await db.schema.alterTable("document_versions").addColumn("approval_snapshot", "text").execute();

  // --- the security organization ---
  await editable(db.schema.createTable("committees"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("chair_user_id", "text")
    .addColumn("member_user_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("meeting_frequency", "text", (c) => c.notNull())
    .addColumn("remit", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("committees_name").on("committees").columns(["org_id", "title"]).unique().execute();

  // One per organization (id = organization id): reporting lines and deputies of the roles, and the SoD rules.
  await editable(db.schema.createTable("security_organizations"))
    .addColumn("roles", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await editable(db.schema.createTable("sod_rule_sets"))
    .addColumn("rules", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();

  // --- evidence files ---
  await editable(db.schema.createTable("evidence_files"))
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("chunks", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .execute();
  await db.schema.createIndex("evidence_files_entity").on("evidence_files").columns(["org_id", "entity_type", "entity_id"]).execute();
  await db.schema
    .createTable("evidence_chunks")
    .addColumn("file_id", "text", (c) => c.notNull().references("evidence_files.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("data", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
    .addPrimaryKeyConstraint("evidence_chunks_pk", ["file_id", "seq"])
    .execute();
}
