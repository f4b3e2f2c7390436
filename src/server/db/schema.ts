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

export interface AuditHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
}

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
}

/** Tables whose writes must go through the audited helpers. */
export type AuditedTable = "users" | "organizations" | "memberships" | "invites" | "sessions" | "api_tokens";
