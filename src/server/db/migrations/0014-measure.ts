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
 * The measurement programme (9.4a), training and awareness (9.4c), and the state of scheduled
 * jobs: measures (base, derived by a formula, or built in), their values per period, courses and
 * campaigns, competence requirements per ISMS role, completion records, and one row per run of
 * a periodic job and period, whose primary key makes a run happen once across app instances.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const real = dialect === "postgres" ? "double precision" : "real";
  const index = (table: string, name: string, columns: string[], unique = false) => {
    const builder = db.schema.createIndex(`${table}_${name}`).on(table).columns(columns);
    return unique ? builder.unique() : builder;
  };

  await editable(db.schema.createTable("measures"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text")
    .addColumn("information_need", "text", (c) => c.notNull())
    .addColumn("objective_id", "text", (c) => c.references("objectives.id").onDelete("set null"))
    .addColumn("control_ref", "text")
    .addColumn("process_ref", "text")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("collection_method", "text")
    .addColumn("data_source", "text")
    .addColumn("frequency", "text")
    .addColumn("interval", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("start_date", "text")
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .addColumn("formula", "text")
    .addColumn("builtin_key", "text")
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("on_target", real)
    .addColumn("act_threshold", real)
    .addColumn("target", real)
    .addColumn("reported_by", "text")
    .addColumn("reported_to", "text")
    .execute();
  await index("measures", "number_unique", ["org_id", "number"], true).execute();
  await index("measures", "key_unique", ["org_id", "key"], true).where(sql<boolean>`key is not null`).execute();
  await index("measures", "builtin_unique", ["org_id", "builtin_key"], true).where(sql<boolean>`builtin_key is not null`).execute();

  await editable(db.schema.createTable("measure_values"))
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("value", real)
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .execute();
  await index("measure_values", "period_unique", ["measure_id", "period"], true).execute();
  await index("measure_values", "org", ["org_id", "measure_id"]).execute();

  await editable(db.schema.createTable("training_courses"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("target_role_ids", "text", (c) => c.notNull())
    .addColumn("target_groups", "text", (c) => c.notNull())
    .addColumn("refresher_months", "integer")
    .addColumn("starts_on", "text")
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .execute();
  await index("training_courses", "title", ["org_id", "title"]).execute();

  await editable(db.schema.createTable("competence_requirements"))
    .addColumn("role_id", "text", (c) => c.notNull().references("isms_roles.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("course_id", "text", (c) => c.references("training_courses.id").onDelete("set null"))
    .execute();
  await index("competence_requirements", "role", ["org_id", "role_id"]).execute();

  await editable(db.schema.createTable("training_records"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("person_name", "text", (c) => c.notNull())
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .execute();
  await index("training_records", "course", ["org_id", "course_id"]).execute();

  await db.schema
    .createTable("job_runs")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("instance", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("outcome", "text")
    .addPrimaryKeyConstraint("job_runs_pk", ["name", "slot"])
    .execute();
}
