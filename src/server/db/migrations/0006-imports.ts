import type { Kysely } from "kysely";

/**
 * Imports from CSV and XLSX files: a preview is kept here until it is committed or expires, so
 * the commit may reach any app instance. The file's cells are kept, not the file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("register", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("create_count", "integer", (c) => c.notNull())
    .addColumn("update_count", "integer", (c) => c.notNull())
    .addColumn("unchanged_count", "integer", (c) => c.notNull())
    .addColumn("error_count", "integer", (c) => c.notNull())
    // JSON: the first problems, as the preview lists them.
    .addColumn("errors", "text", (c) => c.notNull())
    // JSON: the file's header and rows as text cells; null once committed or when the file has errors.
    .addColumn("content", "text")
    // What the preview decided per row (record and version); the commit refuses when it would decide otherwise.
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .execute();
  await db.schema.createIndex("import_jobs_expires_at").on("import_jobs").column("expires_at").execute();
  await db.schema.createIndex("import_jobs_org_id_created_at").on("import_jobs").columns(["org_id", "created_at"]).execute();
}
