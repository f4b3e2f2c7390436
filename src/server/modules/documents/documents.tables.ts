interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface DocumentsTable extends OrgRecord {
  identifier: string;
  title: string;
  type: string;
  owner: string;
  classification: string;
  next_review_date: string;
  parent_id: string | null;
  retired_at: string | null;
  retire_reason: string | null;
  owner_user_id: string | null;
  approver_user_id: string | null;
  review_cycle_months: number;
  /** JSON: DocumentLinks. */
  links: string;
  template_key: string | null;
  responsible_role: string | null;
}
export interface DocumentVersionsTable extends OrgRecord {
  document_id: string;
  number: number;
  status: string;
  /** JSON: the ordered sections. */
  sections: string;
  change_summary: string | null;
  author_id: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** Register approvals: the hash and snapshot of what was approved (null for the ISMS policy, approved at its gate). */
  approval_hash: string | null;
  approval_snapshot: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    documents: DocumentsTable;
    document_versions: DocumentVersionsTable;
  }
  interface AuditedTables {
    documents: true;
    document_versions: true;
  }
}

/** The entity names the audit log records these rows under, and refusals name them by. */
export const DOCUMENT = "document";
export const VERSION = "document version";
