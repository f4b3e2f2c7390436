import type { Kysely } from "kysely";

/**
 * Deliverables (issue 14): the files of issued versions, customer DOCX templates, the
 * organization's branding for documents, and generation jobs (certification packs) whose
 * progress lives here so any app instance can report it and serve the result.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const binary = dialect === "postgres" ? "bytea" : "blob";

  // File contents, apart from the audited rows that point at them (an audit diff of a file is no use).
  await db.schema
    .createTable("deliverable_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("content", binary, (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("deliverable_issues")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("deliverable_id", "text", (c) => c.notNull())
    // org id + deliverable id: the scope its version numbers count within (src/server/db/numbering.ts).
    .addColumn("scope_key", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull().references("deliverable_files.id"))
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("issued_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("issued_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("deliverable_issues_number")
    .on("deliverable_issues")
    .columns(["org_id", "deliverable_id", "number", "format"])
    .unique()
    .execute();

  await db.schema
    .createTable("deliverable_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("deliverable_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull().references("deliverable_files.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("deliverable_templates_one")
    .on("deliverable_templates")
    .columns(["org_id", "deliverable_id"])
    .unique()
    .execute();

  // Branding for documents: one row per organization (id = the organization's id).
  await db.schema
    .createTable("org_branding")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("classification", "text", (c) => c.notNull())
    .addColumn("logo_file_id", "text", (c) => c.references("deliverable_files.id"))
    .addColumn("logo_type", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  // Generation jobs: bookkeeping like import previews, not audited.
  await db.schema
    .createTable("deliverable_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("formats", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull())
    .addColumn("message", "text")
    .addColumn("error", "text")
    .addColumn("result_file_id", "text", (c) => c.references("deliverable_files.id"))
    .addColumn("requested_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("heartbeat_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("deliverable_jobs_org").on("deliverable_jobs").columns(["org_id", "created_at"]).execute();
}
