interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface ManagementReviewsTable extends OrgRecord {
  number: number;
  ref: string;
  title: string;
  planned_date: string | null;
  frequency_months: number | null;
  participants: string | null;
  minutes: string | null;
  status: string;
  inputs: string | null;
  inputs_hash: string | null;
  inputs_taken_at: string | null;
  submitted_hash: string | null;
  submitted_snapshot: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
}
export interface ReviewOutputsTable extends OrgRecord {
  review_id: string;
  kind: string;
  title: string;
  owner_user_id: string | null;
  due_date: string | null;
  status: string;
  source_type: string;
  source_id: string;
}

declare module "../../db/schema.js" {
  interface Database {
    management_reviews: ManagementReviewsTable;
    review_outputs: ReviewOutputsTable;
  }
  interface AuditedTables {
    management_reviews: true;
    review_outputs: true;
  }
}
