import type { CreateTableBuilder, Kysely } from "kysely";

type Table = CreateTableBuilder<string, never>;

// Migrations are frozen once shipped, so each keeps its own copy of the column helpers it uses.
function orgScoped(table: Table): Table {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull());
}

const editable = (table: Table): Table =>
  orgScoped(table)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1));

/** Scope and boundaries (6.2 to 6.5): the elements, the interfaces across the boundary, the narrative and frozen statements. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const index = (table: string, columns: string[], unique = false) => {
    const builder = db.schema
      .createIndex(`${table}_${columns.join("_")}${unique ? "_unique" : ""}`)
      .on(table)
      .columns(columns);
    return (unique ? builder.unique() : builder).execute();
  };

  // Elements refer to their parent and interfaces to their ends without cascading: the app
  // refuses to remove what is still referenced, and the database backs that up.
  await editable(db.schema.createTable("scope_elements"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("scope_elements.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("owner", "text")
    .addColumn("in_scope", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("exclusion_justification", "text")
    .addColumn("external_ref", "text")
    .execute();
  await index("scope_elements", ["org_id", "name"]);
  await index("scope_elements", ["org_id", "created_at"]);
  await index("scope_elements", ["org_id", "kind", "name"]);
  await index("scope_elements", ["parent_id"]);
  // NULLs are distinct in a unique index on both databases, so only set references must differ.
  await index("scope_elements", ["org_id", "external_ref"], true);

  await editable(db.schema.createTable("boundary_interfaces"))
    .addColumn("from_element_id", "text", (c) => c.notNull().references("scope_elements.id"))
    .addColumn("to_element_id", "text", (c) => c.references("scope_elements.id"))
    .addColumn("to_party", "text")
    .addColumn("data_exchanged", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("protection", "text")
    .execute();
  await index("boundary_interfaces", ["org_id", "created_at"]);
  await index("boundary_interfaces", ["from_element_id"]);
  await index("boundary_interfaces", ["to_element_id"]);

  // One per organization, its id being the organization's.
  await editable(db.schema.createTable("scope_narratives")).addColumn("narrative", "text").execute();

  // Frozen statements are immutable: no updated_at, no version.
  await orgScoped(db.schema.createTable("scope_statement_versions"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("markdown", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await index("scope_statement_versions", ["org_id", "number"], true);
}
