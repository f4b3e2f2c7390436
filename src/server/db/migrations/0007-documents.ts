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
 * Document control (6.6, later 9.2): controlled documents and their numbered versions. An
 * approved version is frozen: the app never updates it, and a trigger refuses it if it tried.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const index = (table: string, name: string, columns: string[], unique = false) => {
    const builder = db.schema.createIndex(`${table}_${name}`).on(table).columns(columns);
    return unique ? builder.unique() : builder;
  };

  await editable(db.schema.createTable("documents"))
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("classification", "text", (c) => c.notNull())
    .addColumn("next_review_date", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("documents.id"))
    .addColumn("retired_at", "text")
    .addColumn("retire_reason", "text")
    .execute();
  await index("documents", "identifier_unique", ["org_id", "identifier"], true).execute();
  await index("documents", "title", ["org_id", "title"]).execute();
  await index("documents", "review", ["org_id", "next_review_date"]).execute();
  await index("documents", "parent", ["parent_id"]).execute();
  // An organization has one ISMS policy in force; a retired one makes room for its successor.
  await index("documents", "one_isms_policy", ["org_id"], true).where(sql<boolean>`type = 'isms_policy' and retired_at is null`).execute();

  // Authors and approvers are not cascaded: approved rows never change, and users are disabled, not deleted.
  await editable(db.schema.createTable("document_versions"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sections", "text", (c) => c.notNull())
    .addColumn("change_summary", "text")
    .addColumn("author_id", "text", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("approved_by", "text", (c) => c.references("users.id"))
    .addColumn("approved_at", "text")
    .execute();
  await index("document_versions", "number_unique", ["document_id", "number"], true).execute();
  // At most one version of a document is open (being drafted or in review) at a time.
  await index("document_versions", "one_open", ["document_id"], true).where(sql<boolean>`status in ('draft', 'in_review')`).execute();

  if (dialect === "sqlite") {
    await sql`CREATE TRIGGER document_versions_approved_frozen BEFORE UPDATE ON document_versions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved document version is immutable'); END`.execute(
      db,
    );
  } else {
    await sql`CREATE FUNCTION document_versions_approved_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD.status = 'approved' THEN RAISE EXCEPTION 'an approved document version is immutable'; END IF; RETURN NEW; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER document_versions_approved_frozen BEFORE UPDATE ON document_versions FOR EACH ROW EXECUTE FUNCTION document_versions_approved_frozen()`.execute(
      db,
    );
  }
}
