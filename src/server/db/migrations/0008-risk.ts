import type { CreateTableBuilder, Kysely } from "kysely";

type Db = Kysely<unknown>;

/** id, org, timestamps and optimistic version: every editable register row has them. */
function registerTable(db: Db, name: string) {
  return db.schema
    .createTable(name)
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"));
}
const stamped = (t: CreateTableBuilder<string, string>) =>
  t
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1));

/**
 * Phase 4 (8.2–8.4): the versioned risk method, threat and vulnerability catalogs, the risk
 * register with its controls and decisions, custom controls and the Statement of Applicability.
 */
export async function up(db: Db): Promise<void> {
  // The risk method: one row per version; approved and used versions are frozen.
  await stamped(
    registerTable(db, "risk_methods")
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("definition", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("approved_by_label", "text")
      .addColumn("approved_at", "text")
      .addColumn("approval_comment", "text"),
  ).execute();
  await db.schema.createIndex("risk_methods_number").on("risk_methods").columns(["org_id", "number"]).unique().execute();

  for (const name of ["threats", "vulnerabilities"]) {
    await stamped(
      registerTable(db, name)
        .addColumn("starter_key", "text")
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("category", "text")
        .addColumn("objectives", "text", (c) => c.notNull().defaultTo("[]")),
    ).execute();
    await db.schema.createIndex(`${name}_title`).on(name).columns(["org_id", "title"]).execute();
    await db.schema.createIndex(`${name}_created`).on(name).columns(["org_id", "created_at", "id"]).execute();
  }

  await stamped(
    registerTable(db, "custom_controls")
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("category", "text"),
  ).execute();
  await db.schema.createIndex("custom_controls_ref").on("custom_controls").columns(["org_id", "ref"]).unique().execute();
  await db.schema.createIndex("custom_controls_created").on("custom_controls").columns(["org_id", "created_at", "id"]).execute();

  await stamped(
    registerTable(db, "risks")
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("title_folded", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("asset_id", "text", (c) => c.references("assets.id"))
      .addColumn("threat_id", "text", (c) => c.references("threats.id"))
      .addColumn("vulnerability_id", "text", (c) => c.references("vulnerabilities.id"))
      .addColumn("consequence", "text")
      .addColumn("risk_source", "text")
      .addColumn("event", "text")
      .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("method_id", "text", (c) => c.references("risk_methods.id"))
      .addColumn("inherent_likelihood", "integer")
      .addColumn("inherent_impact", "integer")
      .addColumn("inherent_level", "integer")
      .addColumn("inherent_rationale", "text")
      .addColumn("current_likelihood", "integer")
      .addColumn("current_impact", "integer")
      .addColumn("current_level", "integer")
      .addColumn("current_rationale", "text")
      .addColumn("residual_likelihood", "integer")
      .addColumn("residual_impact", "integer")
      .addColumn("residual_level", "integer")
      .addColumn("residual_rationale", "text")
      .addColumn("treatment", "text")
      .addColumn("treatment_plan", "text")
      .addColumn("treatment_owner", "text")
      .addColumn("treatment_due", "text")
      .addColumn("review_date", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("quant", "text"),
  ).execute();
  await db.schema.createIndex("risks_ref").on("risks").columns(["org_id", "ref"]).unique().execute();
  await db.schema.createIndex("risks_number").on("risks").columns(["org_id", "number"]).unique().execute();
  await db.schema.createIndex("risks_created").on("risks").columns(["org_id", "created_at", "id"]).execute();
  await db.schema.createIndex("risks_title").on("risks").columns(["org_id", "title_folded", "id"]).execute();
  await db.schema.createIndex("risks_inherent").on("risks").columns(["org_id", "inherent_level", "id"]).execute();
  await db.schema.createIndex("risks_residual").on("risks").columns(["org_id", "residual_level", "id"]).execute();
  await db.schema.createIndex("risks_review").on("risks").columns(["org_id", "review_date", "id"]).execute();
  await db.schema.createIndex("risks_owner").on("risks").columns(["org_id", "owner_user_id", "id"]).execute();
  // Heat maps count open risks per cell of one case from the index alone; a cell clicked through
  // to the list reads its few thousand risks from the same index.
  for (const c of ["inherent", "current", "residual"])
    await db.schema
      .createIndex(`risks_${c}_cell`)
      .on("risks")
      .columns(["org_id", `${c}_likelihood`, `${c}_impact`, "status", "method_id", "number"])
      .execute();
  // The dashboard's counts (by status, level, owner, method) from the index alone.
  await db.schema
    .createIndex("risks_summary")
    .on("risks")
    .columns(["org_id", "status", "inherent_level", "current_level", "residual_level", "method_id", "owner_user_id", "number"])
    .execute();
  await db.schema.createIndex("risks_asset").on("risks").columns(["asset_id"]).execute();
  await db.schema.createIndex("risks_threat").on("risks").columns(["threat_id"]).execute();
  await db.schema.createIndex("risks_vulnerability").on("risks").columns(["vulnerability_id"]).execute();

  // Scenario risks name the business processes and information (primary assets) they affect.
  await db.schema
    .createTable("risk_affected_assets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("risk_id", "text", (c) => c.notNull().references("risks.id").onDelete("cascade"))
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("risk_affected_unique").on("risk_affected_assets").columns(["risk_id", "asset_id"]).unique().execute();
  await db.schema.createIndex("risk_affected_asset").on("risk_affected_assets").columns(["asset_id"]).execute();

  // The controls chosen to modify a risk: an Annex A id ("A.5.1") or a custom control's id.
  await db.schema
    .createTable("risk_controls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("risk_id", "text", (c) => c.notNull().references("risks.id").onDelete("cascade"))
    .addColumn("control_id", "text", (c) => c.notNull())
    // Copies of the risk's number and open status: the SoA reads them for 100,000 links from the index alone.
    .addColumn("risk_number", "integer", (c) => c.notNull())
    .addColumn("risk_open", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("risk_controls_unique").on("risk_controls").columns(["risk_id", "control_id"]).unique().execute();
  await db.schema
    .createIndex("risk_controls_soa")
    .on("risk_controls")
    .columns(["org_id", "risk_open", "control_id", "risk_number"])
    .execute();

  // Treatment-plan approvals and residual-risk acceptances, each freezing the risk as it was.
  await db.schema
    .createTable("risk_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("risk_id", "text", (c) => c.notNull().references("risks.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_by_label", "text", (c) => c.notNull())
    .addColumn("justification", "text", (c) => c.notNull())
    .addColumn("expires_on", "text")
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by_label", "text")
    .addColumn("revoke_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("risk_decisions_risk").on("risk_decisions").columns(["risk_id", "kind", "created_at"]).execute();
  await db.schema.createIndex("risk_decisions_org").on("risk_decisions").columns(["org_id", "kind"]).execute();

  // "No risk identified" for a primary asset: an explicit, justified decision (8.2).
  await stamped(
    registerTable(db, "asset_risk_exemptions")
      .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addColumn("justification", "text", (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("asset_risk_exemptions_asset").on("asset_risk_exemptions").columns(["asset_id"]).unique().execute();

  // The Statement of Applicability: one row per control with a recorded decision or detail.
  await stamped(
    registerTable(db, "soa_entries")
      .addColumn("control_id", "text", (c) => c.notNull())
      .addColumn("decision", "text")
      .addColumn("justification", "text")
      .addColumn("implementation", "text", (c) => c.notNull())
      .addColumn("owner", "text")
      .addColumn("requirement_ids", "text", (c) => c.notNull().defaultTo("[]")),
  ).execute();
  await db.schema.createIndex("soa_entries_control").on("soa_entries").columns(["org_id", "control_id"]).unique().execute();

  // Issued SoA versions: frozen snapshots the G3 authorization refers to.
  await db.schema
    .createTable("soa_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("issued_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("soa_versions_number").on("soa_versions").columns(["org_id", "number"]).unique().execute();
}
