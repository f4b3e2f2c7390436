interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface NonconformitiesTable extends OrgRecord {
  number: number;
  ref: string;
  title: string;
  description: string | null;
  source: string;
  source_ref: string | null;
  finding_id: string | null;
  severity: string | null;
  detected_on: string;
  correction: string | null;
  root_cause: string | null;
  status: string;
  effective: number | null;
  effectiveness_note: string | null;
  effectiveness_reviewer_id: string | null;
  effectiveness_co_reviewer_id: string | null;
  effectiveness_reviewed_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
}
export interface CorrectiveActionsTable extends OrgRecord {
  nonconformity_id: string;
  title: string;
  owner_user_id: string | null;
  due_date: string;
  status: string;
  completed_at: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    nonconformities: NonconformitiesTable;
    corrective_actions: CorrectiveActionsTable;
  }
  interface AuditedTables {
    nonconformities: true;
    corrective_actions: true;
  }
}
