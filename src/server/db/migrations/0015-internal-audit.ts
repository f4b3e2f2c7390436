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
 * Internal audit (9.2), nonconformities and corrective actions (10.2) and management review
 * (9.3). An issued audit report and approved review minutes are frozen: the app never updates
 * them, and a trigger refuses it if it tried.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const index = (table: string, name: string, columns: string[], unique = false) => {
    const builder = db.schema.createIndex(`${table}_${name}`).on(table).columns(columns);
    return unique ? builder.unique() : builder;
  };

  await editable(db.schema.createTable("audit_programmes"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("cycle_start", "text", (c) => c.notNull())
    .addColumn("cycle_years", "integer", (c) => c.notNull())
    .addColumn("objectives", "text")
    .execute();
  await index("audit_programmes", "created", ["org_id", "created_at", "id"]).execute();

  await editable(db.schema.createTable("audits"))
    .addColumn("programme_id", "text", (c) => c.notNull().references("audit_programmes.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("clauses", "text", (c) => c.notNull())
    .addColumn("controls", "text", (c) => c.notNull())
    .addColumn("areas", "text", (c) => c.notNull())
    .addColumn("criteria", "text")
    .addColumn("lead_auditor_id", "text", (c) => c.references("users.id"))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("end_date", "text")
    .addColumn("plan", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("conclusion", "text")
    .addColumn("report", "text")
    .addColumn("report_hash", "text")
    .addColumn("report_issued_at", "text")
    .addColumn("report_issued_by", "text", (c) => c.references("users.id"))
    .execute();
  await index("audits", "number", ["org_id", "number"], true).execute();
  await index("audits", "programme", ["programme_id", "start_date"]).execute();
  await index("audits", "created", ["org_id", "created_at", "id"]).execute();

  await editable(db.schema.createTable("audit_findings"))
    .addColumn("audit_id", "text", (c) => c.notNull().references("audits.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("evidence", "text")
    .execute();
  await index("audit_findings", "number", ["org_id", "number"], true).execute();
  await index("audit_findings", "audit", ["audit_id", "number"]).execute();
  await index("audit_findings", "target", ["org_id", "target"]).execute();

  await editable(db.schema.createTable("nonconformities"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_ref", "text")
    .addColumn("finding_id", "text", (c) => c.references("audit_findings.id"))
    .addColumn("severity", "text")
    .addColumn("detected_on", "text", (c) => c.notNull())
    .addColumn("correction", "text")
    .addColumn("root_cause", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("effective", "integer")
    .addColumn("effectiveness_note", "text")
    .addColumn("effectiveness_reviewer_id", "text", (c) => c.references("users.id"))
    .addColumn("effectiveness_co_reviewer_id", "text", (c) => c.references("users.id"))
    .addColumn("effectiveness_reviewed_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text", (c) => c.references("users.id"))
    .execute();
  await index("nonconformities", "number", ["org_id", "number"], true).execute();
  await index("nonconformities", "status", ["org_id", "status", "detected_on"]).execute();
  await index("nonconformities", "finding", ["finding_id"]).execute();
  await index("nonconformities", "created", ["org_id", "created_at", "id"]).execute();

  await editable(db.schema.createTable("corrective_actions"))
    .addColumn("nonconformity_id", "text", (c) => c.notNull().references("nonconformities.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await index("corrective_actions", "nc", ["nonconformity_id"]).execute();
  await index("corrective_actions", "due", ["org_id", "status", "due_date"]).execute();

  await editable(db.schema.createTable("management_reviews"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("planned_date", "text")
    .addColumn("frequency_months", "integer")
    .addColumn("participants", "text")
    .addColumn("minutes", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("inputs", "text")
    .addColumn("inputs_hash", "text")
    .addColumn("inputs_taken_at", "text")
    .addColumn("submitted_hash", "text")
    .addColumn("submitted_snapshot", "text")
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text", (c) => c.references("users.id"))
    .execute();
  await index("management_reviews", "number", ["org_id", "number"], true).execute();
  await index("management_reviews", "planned", ["org_id", "planned_date"]).execute();

  // Decisions and actions of a review; a generic source reference lets the task plan take them over.
  await editable(db.schema.createTable("review_outputs"))
    .addColumn("review_id", "text", (c) => c.notNull().references("management_reviews.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .execute();
  await index("review_outputs", "review", ["review_id"]).execute();
  await index("review_outputs", "due", ["org_id", "status", "due_date"]).execute();

  const frozen = [
    { table: "audits", when: "report_issued_at IS NOT NULL", what: "an issued audit report is immutable" },
    { table: "management_reviews", when: "status = 'approved'", what: "approved management review minutes are immutable" },
  ];
  for (const { table, when, what } of frozen) {
    if (dialect === "sqlite") {
      await sql
        .raw(`CREATE TRIGGER ${table}_frozen BEFORE UPDATE ON ${table} WHEN OLD.${when} BEGIN SELECT RAISE(ABORT, '${what}'); END`)
        .execute(db);
    } else {
      await sql
        .raw(
          `CREATE FUNCTION ${table}_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD.${when} THEN RAISE EXCEPTION '${what}'; END IF; RETURN NEW; END $$`,
        )
        .execute(db);
      await sql.raw(`CREATE TRIGGER ${table}_frozen BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_frozen()`).execute(db);
    }
  }
}
