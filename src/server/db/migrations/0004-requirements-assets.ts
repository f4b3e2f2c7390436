import { type CreateTableBuilder, type Kysely, sql } from "kysely";

type Table = CreateTableBuilder<string, never>;

/**
 * Security requirements (7.2) and the asset inventory (7.3). Phase 1's obligations are extended
 * in place, so everything recorded there stays and gains the fields the requirements analysis adds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Migrations are frozen once released, so this one keeps its own copy of the common columns.
  const record = (name: string, columns: (t: Table) => Table) =>
    columns(
      db.schema
        .createTable(name)
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1)),
    ).execute();
  const link = (name: string, columns: (t: Table) => Table) =>
    columns(
      db.schema
        .createTable(name)
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull()),
    ).execute();
  const index = async (table: string, columns: string[], unique = false) => {
    const builder = db.schema
      .createIndex(`${table}_${columns.join("_")}${unique ? "_unique" : ""}`)
      .on(table)
      .columns(columns);
    await (unique ? builder.unique() : builder).execute();
  };

  // One row per organization (id = organization id); absent means the default C/I/A scale.
  await record("valuation_scales", (t) => t.addColumn("objectives", "text", (c) => c.notNull()));

  await record("interested_parties", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("expectations", "text"),
  );
  await index("interested_parties", ["org_id", "name", "id"]);
  await index("interested_parties", ["org_id", "created_at", "id"]);

  await record("security_requirements", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("party_id", "text", (c) => c.notNull().references("interested_parties.id").onDelete("cascade"))
      .addColumn("source", "text")
      .addColumn("owner", "text")
      .addColumn("confidentiality", "integer")
      .addColumn("integrity", "integer")
      .addColumn("availability", "integer")
      .addColumn("external_ref", "text"),
  );
  await index("security_requirements", ["org_id", "title", "id"]);
  await index("security_requirements", ["org_id", "created_at", "id"]);
  await index("security_requirements", ["party_id"]);
  await index("security_requirements", ["org_id", "external_ref"], true);

  // SQLite adds one column per ALTER TABLE statement.
  const obligationColumns: [string, "integer" | "text"][] = [
    ["confidentiality", "integer"],
    ["integrity", "integer"],
    ["availability", "integer"],
    ["external_ref", "text"],
  ];
  for (const [column, type] of obligationColumns) await db.schema.alterTable("obligations").addColumn(column, type).execute();
  await db.schema
    .alterTable("obligations")
    .addColumn("interested_party_id", "text", (c) => c.references("interested_parties.id").onDelete("set null"))
    .execute();
  await index("obligations", ["interested_party_id"]);
  await index("obligations", ["org_id", "external_ref"], true);

  // location_element_id names a scope element (scope registers) without a foreign key, so the
  // inventory does not depend on how the scope registers store their elements.
  await record("assets", (t) =>
    t
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      // The name lower-cased by the app: a search compares it as stored, with no function per row,
      // and folds case the same way on both databases (SQLite's lower() knows only ASCII).
      .addColumn("name_folded", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("owner", "text")
      .addColumn("custodian", "text")
      .addColumn("classification", "text")
      .addColumn("location_element_id", "text")
      .addColumn("valuation", "text", (c) => c.notNull())
      .addColumn("valuation_override", "text", (c) => c.notNull())
      .addColumn("override_reason", "text")
      .addColumn("external_ref", "text"),
  );
  // Each list filter has an index that also yields the rows in name order, so a filtered,
  // sorted page is read straight off one index.
  await index("assets", ["org_id", "name", "id", "name_folded"]);
  await index("assets", ["org_id", "kind", "name", "id"]);
  await index("assets", ["org_id", "owner", "name", "id"]);
  await index("assets", ["org_id", "classification", "name", "id"]);
  await index("assets", ["org_id", "created_at", "id"]);
  await index("assets", ["org_id", "location_element_id"]);
  await index("assets", ["org_id", "external_ref"], true);

  await link("asset_supports", (t) =>
    t
      .addColumn("supporting_asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addColumn("primary_asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade")),
  );
  await index("asset_supports", ["supporting_asset_id", "primary_asset_id"], true);
  await index("asset_supports", ["primary_asset_id"]);
  await index("asset_supports", ["org_id", "id"]);

  // A link starts at either a requirement or an obligation, never both.
  await link("requirement_assets", (t) =>
    t
      .addColumn("requirement_id", "text", (c) => c.references("security_requirements.id").onDelete("cascade"))
      .addColumn("obligation_id", "text", (c) => c.references("obligations.id").onDelete("cascade"))
      .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addCheckConstraint("requirement_assets_one_source", sql`(requirement_id is null) <> (obligation_id is null)`),
  );
  await index("requirement_assets", ["requirement_id", "asset_id"], true);
  await index("requirement_assets", ["obligation_id", "asset_id"], true);
  await index("requirement_assets", ["asset_id", "id"]);
}
