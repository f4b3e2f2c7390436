import type { Generated } from "kysely";

/** Row types as stored. Same on SQLite and PostgreSQL: ids text, times ISO text, booleans 0/1, JSON text. */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_instance_admin: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MembershipsTable {
  id: string;
  org_id: string;
  user_id: string;
  role: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InvitesTable {
  id: string;
  org_id: string;
  email: string;
  role: string;
  token_hash: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: number;
  at: string;
}

/** One row per account ("account:<email>") and per address ("address:<ip>"): locked while a sign-in is counted. */
export interface LoginLocksTable {
  key: string;
  at: string;
}

export interface AuditEventsTable {
  id: string;
  chain_key: string;
  seq: number;
  at: string;
  org_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** The last number given per numbered table and scope (see numbering.ts). */
export interface NumberCountersTable {
  name: string;
  scope: string;
  value: number;
}

export interface AuditHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
  /** The audit key's signature of the head (see core/audit/chain.ts headStatement); null when written without a key. */
  signature: string | null;
  key_id: string | null;
}

/** Columns every organization-scoped, editable record has. */
export interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProcessSettingsTable extends OrgRecord {
  separation_of_duties: number;
  catalog_format: string | null;
  catalog_source: string | null;
  catalog_uploaded_at: string | null;
}
export interface ActivityStatesTable extends OrgRecord {
  activity_id: string;
  na_justification: string | null;
}
export interface ObjectivesTable extends OrgRecord {
  title: string;
  description: string | null;
}
export interface ObligationsTable extends OrgRecord {
  title: string;
  kind: string;
  source: string | null;
  jurisdiction: string | null;
  reference: string | null;
  owner: string | null;
  notes: string | null;
}
export interface PrioritiesTable extends OrgRecord {
  statement: string | null;
  existing_systems: string | null;
}
export interface PreliminaryScopesTable extends OrgRecord {
  statement: string | null;
  units: string;
  sites: string;
}
export interface BusinessCasesTable extends OrgRecord {
  objectives: string | null;
  benefits: string | null;
  resources: string | null;
  timeline: string | null;
  risks_of_not_implementing: string | null;
}
export interface BusinessCaseCostsTable extends OrgRecord {
  title: string;
  amount: number;
  currency: string;
}
export interface MilestonesTable extends OrgRecord {
  title: string;
  due_date: string | null;
  owner: string | null;
  done: number;
}
export interface ProjectRolesTable extends OrgRecord {
  key: string;
  title: string;
  required: number;
  person_name: string | null;
  user_id: string | null;
  /** The assignment on Roles & RACI this project role keeps (one role model, migration 0024). */
  assignment_id: string | null;
}
export interface ApprovalsTable extends OrgRecord {
  gate_id: string;
  activity_id: string;
  status: string;
  artifact_hash: string;
  snapshot: string;
  requested_by: string | null;
  requested_at: string;
  request_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  /** 1 when the decision was taken while separation of duties was off. */
  sod_off: number;
}
export interface IsmsRolesTable extends OrgRecord {
  key: string;
  title: string;
  description: string | null;
  mandatory: number;
}
export interface RoleAssignmentsTable extends OrgRecord {
  role_id: string;
  user_id: string | null;
  person_name: string | null;
}
export interface RaciEntriesTable extends OrgRecord {
  activity_id: string;
  role_id: string;
  letter: string;
}

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  login_locks: LoginLocksTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  number_counters: NumberCountersTable;
  process_settings: ProcessSettingsTable;
  activity_states: ActivityStatesTable;
  objectives: ObjectivesTable;
  obligations: ObligationsTable;
  priorities: PrioritiesTable;
  preliminary_scopes: PreliminaryScopesTable;
  business_cases: BusinessCasesTable;
  business_case_costs: BusinessCaseCostsTable;
  milestones: MilestonesTable;
  project_roles: ProjectRolesTable;
  approvals: ApprovalsTable;
  isms_roles: IsmsRolesTable;
  role_assignments: RoleAssignmentsTable;
  raci_entries: RaciEntriesTable;
}

/**
 * Tables whose writes must go through the audited helpers. An interface rather than a union so
 * that an area's module can add its tables by declaration merging, next to their row types:
 *   declare module "../../db/schema.js" { interface Database { assets: AssetsTable } interface AuditedTables { assets: true } }
 */
export interface AuditedTables {
  users: true;
  organizations: true;
  memberships: true;
  invites: true;
  sessions: true;
  api_tokens: true;
  process_settings: true;
  activity_states: true;
  objectives: true;
  obligations: true;
  priorities: true;
  preliminary_scopes: true;
  business_cases: true;
  business_case_costs: true;
  milestones: true;
  project_roles: true;
  approvals: true;
  isms_roles: true;
  role_assignments: true;
  raci_entries: true;
}
export type AuditedTable = keyof AuditedTables & keyof Database;
