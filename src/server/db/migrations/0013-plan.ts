import type { CreateTableBuilder, Kysely } from "kysely";

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
 * The implementation plan (9.3, 9.5): numbered tasks from controls, milestones, risk treatment
 * and later reviews, their finish-to-start dependencies with lags, the organization's working
 * calendar and frozen baselines.
 */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const real = dialect === "postgres" ? "double precision" : "real";
  const index = (table: string, name: string, columns: string[], unique = false) => {
    const builder = db.schema.createIndex(`${table}_${name}`).on(table).columns(columns);
    return unique ? builder.unique() : builder;
  };

  await editable(db.schema.createTable("plan_tasks"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .addColumn("effort_days", real)
    .addColumn("cost", real)
    .addColumn("start_date", "text")
    .addColumn("due_date", "text")
    .addColumn("milestone", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("deliverables", "text", (c) => c.notNull())
    .execute();
  await index("plan_tasks", "number_unique", ["org_id", "number"], true).execute();
  await index("plan_tasks", "source", ["org_id", "source", "source_id"]).execute();
  await index("plan_tasks", "title", ["org_id", "title"]).execute();
  await index("plan_tasks", "due", ["org_id", "due_date"]).execute();

  await editable(db.schema.createTable("plan_dependencies"))
    .addColumn("predecessor_id", "text", (c) => c.notNull().references("plan_tasks.id").onDelete("cascade"))
    .addColumn("successor_id", "text", (c) => c.notNull().references("plan_tasks.id").onDelete("cascade"))
    .addColumn("lag_days", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await index("plan_dependencies", "pair_unique", ["successor_id", "predecessor_id"], true).execute();
  await index("plan_dependencies", "org", ["org_id"]).execute();
  await index("plan_dependencies", "predecessor", ["predecessor_id"]).execute();

  // One row per organization (id = the organization's id), like the other singletons.
  await editable(db.schema.createTable("plan_settings"))
    .addColumn("weekends", "text", (c) => c.notNull())
    .addColumn("holidays", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("plan_baselines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("created_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await index("plan_baselines", "number_unique", ["org_id", "number"], true).execute();
}
