interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface AuditProgrammesTable extends OrgRecord {
  title: string;
  cycle_start: string;
  cycle_years: number;
  objectives: string | null;
}
export interface AuditsTable extends OrgRecord {
  programme_id: string;
  number: number;
  ref: string;
  title: string;
  /** JSON arrays */
  clauses: string;
  controls: string;
  areas: string;
  criteria: string | null;
  lead_auditor_id: string | null;
  team: string;
  start_date: string | null;
  end_date: string | null;
  plan: string | null;
  status: string;
  conclusion: string | null;
  report: string | null;
  report_hash: string | null;
  report_issued_at: string | null;
  report_issued_by: string | null;
}
export interface AuditFindingsTable extends OrgRecord {
  audit_id: string;
  number: number;
  ref: string;
  kind: string;
  target: string;
  title: string;
  description: string | null;
  evidence: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    audit_programmes: AuditProgrammesTable;
    audits: AuditsTable;
    audit_findings: AuditFindingsTable;
  }
  interface AuditedTables {
    audit_programmes: true;
    audits: true;
    audit_findings: true;
  }
}
