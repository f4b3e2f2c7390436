interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RisksTable extends OrgRecord {
  number: number;
  ref: string;
  kind: string;
  title: string;
  title_folded: string;
  description: string | null;
  asset_id: string | null;
  threat_id: string | null;
  vulnerability_id: string | null;
  consequence: string | null;
  risk_source: string | null;
  event: string | null;
  owner_user_id: string | null;
  method_id: string | null;
  inherent_likelihood: number | null;
  inherent_impact: number | null;
  inherent_level: number | null;
  inherent_rationale: string | null;
  current_likelihood: number | null;
  current_impact: number | null;
  current_level: number | null;
  current_rationale: string | null;
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_level: number | null;
  residual_rationale: string | null;
  treatment: string | null;
  treatment_plan: string | null;
  treatment_owner: string | null;
  treatment_due: string | null;
  review_date: string | null;
  status: string;
  /** JSON: QuantSpec, or null when the risk is not quantified. */
  quant: string | null;
}

export interface RiskAffectedAssetsTable {
  id: string;
  org_id: string;
  risk_id: string;
  asset_id: string;
  created_at: string;
}

export interface RiskControlsTable {
  id: string;
  org_id: string;
  risk_id: string;
  control_id: string;
  /** The risk's number and whether it is open, kept in step with the risk for the SoA's index-only reads. */
  risk_number: number;
  risk_open: number;
  created_at: string;
}

export interface RiskDecisionsTable {
  id: string;
  org_id: string;
  risk_id: string;
  kind: string;
  authority: string;
  decided_by: string | null;
  decided_by_label: string;
  justification: string;
  expires_on: string | null;
  /** JSON: the risk as it was decided. */
  snapshot: string;
  hash: string;
  revoked_at: string | null;
  revoked_by_label: string | null;
  revoke_reason: string | null;
  created_at: string;
}

export interface AssetRiskExemptionsTable extends OrgRecord {
  asset_id: string;
  justification: string;
}

export interface CatalogEntriesTable extends OrgRecord {
  starter_key: string | null;
  title: string;
  description: string | null;
  category: string | null;
  /** JSON: security objectives a threat affects. */
  objectives: string;
}

export interface CustomControlsTable extends OrgRecord {
  ref: string;
  title: string;
  description: string | null;
  category: string | null;
}

export interface SoaEntriesTable extends OrgRecord {
  control_id: string;
  decision: string | null;
  justification: string | null;
  implementation: string;
  owner: string | null;
  /** JSON: ids of requirements and obligations. */
  requirement_ids: string;
}

export interface SoaVersionsTable {
  id: string;
  org_id: string;
  number: number;
  snapshot: string;
  hash: string;
  note: string | null;
  issued_by_label: string;
  created_at: string;
}

declare module "../../db/schema.js" {
  interface Database {
    risks: RisksTable;
    risk_affected_assets: RiskAffectedAssetsTable;
    risk_controls: RiskControlsTable;
    risk_decisions: RiskDecisionsTable;
    asset_risk_exemptions: AssetRiskExemptionsTable;
    threats: CatalogEntriesTable;
    vulnerabilities: CatalogEntriesTable;
    custom_controls: CustomControlsTable;
    soa_entries: SoaEntriesTable;
    soa_versions: SoaVersionsTable;
  }
  interface AuditedTables {
    risks: true;
    risk_affected_assets: true;
    risk_controls: true;
    risk_decisions: true;
    asset_risk_exemptions: true;
    threats: true;
    vulnerabilities: true;
    custom_controls: true;
    soa_entries: true;
    soa_versions: true;
  }
}
