import type { CreateTableBuilder, Kysely } from "kysely";

type Table = CreateTableBuilder<string, never>;

/** Columns every organization-scoped, editable record has. */
function record(table: Table): Table {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1));
}

/** The implementation roadmap: process settings, phase 1 registers, approvals, roles and RACI. */
export async function up(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  const real = dialect === "postgres" ? "double precision" : "real";
  const create = async (
    name: string,
    columns: (t: Table) => Table,
    indexes: string[][] = [["org_id", "created_at"]],
    unique?: string[],
  ) => {
    await columns(record(db.schema.createTable(name))).execute();
    for (const cols of indexes)
      await db.schema
        .createIndex(`${name}_${cols.join("_")}`)
        .on(name)
        .columns(cols)
        .execute();
    if (unique) await db.schema.createIndex(`${name}_unique`).on(name).columns(unique).unique().execute();
  };

  // Singletons use the organization id as their id.
  await create(
    "process_settings",
    (t) =>
      t
        .addColumn("separation_of_duties", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("catalog_format", "text")
        .addColumn("catalog_source", "text")
        .addColumn("catalog_uploaded_at", "text"),
    [],
  );
  await create(
    "activity_states",
    (t) => t.addColumn("activity_id", "text", (c) => c.notNull()).addColumn("na_justification", "text"),
    [],
    ["org_id", "activity_id"],
  );
  await create("objectives", (t) => t.addColumn("title", "text", (c) => c.notNull()).addColumn("description", "text"));
  await create("obligations", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("source", "text")
      .addColumn("jurisdiction", "text")
      .addColumn("reference", "text")
      .addColumn("owner", "text")
      .addColumn("notes", "text"),
  );
  await create("priorities", (t) => t.addColumn("statement", "text").addColumn("existing_systems", "text"), []);
  await create(
    "preliminary_scopes",
    (t) =>
      t
        .addColumn("statement", "text")
        .addColumn("units", "text", (c) => c.notNull())
        .addColumn("sites", "text", (c) => c.notNull()),
    [],
  );
  await create(
    "business_cases",
    (t) =>
      t
        .addColumn("objectives", "text")
        .addColumn("benefits", "text")
        .addColumn("resources", "text")
        .addColumn("timeline", "text")
        .addColumn("risks_of_not_implementing", "text"),
    [],
  );
  await create("business_case_costs", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("amount", real, (c) => c.notNull())
      .addColumn("currency", "text", (c) => c.notNull()),
  );
  await create("milestones", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("due_date", "text")
      .addColumn("owner", "text")
      .addColumn("done", "integer", (c) => c.notNull().defaultTo(0)),
  );
  await create(
    "project_roles",
    (t) =>
      t
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("required", "integer", (c) => c.notNull())
        .addColumn("person_name", "text")
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null")),
    [],
    ["org_id", "key"],
  );
  await create(
    "approvals",
    (t) =>
      t
        .addColumn("gate_id", "text", (c) => c.notNull())
        .addColumn("activity_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("artifact_hash", "text", (c) => c.notNull())
        .addColumn("snapshot", "text", (c) => c.notNull())
        .addColumn("requested_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("requested_at", "text", (c) => c.notNull())
        .addColumn("request_comment", "text")
        .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("decided_at", "text")
        .addColumn("decision_comment", "text")
        .addColumn("revoked_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("revoked_at", "text")
        .addColumn("revoke_reason", "text"),
    [
      ["org_id", "gate_id", "requested_at"],
      ["org_id", "requested_at"],
    ],
  );
  await create(
    "isms_roles",
    (t) =>
      t
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("mandatory", "integer", (c) => c.notNull().defaultTo(0)),
    [],
    ["org_id", "key"],
  );
  await create(
    "role_assignments",
    (t) =>
      t
        .addColumn("role_id", "text", (c) => c.notNull().references("isms_roles.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
        .addColumn("person_name", "text"),
    [["org_id", "role_id"]],
  );
  await create(
    "raci_entries",
    (t) =>
      t
        .addColumn("activity_id", "text", (c) => c.notNull())
        .addColumn("role_id", "text", (c) => c.notNull().references("isms_roles.id").onDelete("cascade"))
        .addColumn("letter", "text", (c) => c.notNull()),
    [],
    ["org_id", "activity_id", "role_id", "letter"],
  );
}
