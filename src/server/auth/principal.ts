import type { FastifyRequest } from "fastify";
import { isRole, type Role } from "../../core/access/roles.js";
import { UUID_PATTERN } from "../../core/ids.js";
import type { Db } from "../db/database.js";
import { sha256 } from "../security/hashing.js";
import { isSessionLive, type SessionTimeouts } from "./sessions.repo.js";

export const SESSION_COOKIE = "isms_session";
export const TOKEN_PREFIX = "isms_pat_";

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  isInstanceAdmin: boolean;
  via: "session" | "token";
  sessionId?: string;
  csrfToken?: string;
  /** Set when authenticated by an API token: the only organization the token opens. */
  tokenId?: string;
  tokenOrgId?: string;
  /** The caller's role in the organization the request names, when it names one and they are a member. */
  orgRole: Role | null;
}

/** Writes that only keep a "last seen" time current are batched to one per minute per session or token. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves the caller from the bearer token or the session cookie, and their role in `orgId`
 * in the same query: one database round trip authenticates and authorizes a request.
 */
export async function authenticate(db: Db, request: FastifyRequest, timeouts: SessionTimeouts, orgId?: string): Promise<Principal | null> {
  const org = orgId && UUID_PATTERN.test(orgId) ? orgId : null;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) return authenticateToken(db, match[1] as string, org);
    // Calendar clients subscribe with basic authentication: an API token as the password, any user name.
    const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header);
    const password = basic
      ? Buffer.from(basic[1] as string, "base64")
          .toString("utf8")
          .split(":")
          .slice(1)
          .join(":")
      : "";
    return password.startsWith(TOKEN_PREFIX) ? authenticateToken(db, password, org) : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? authenticateSession(db, cookie, timeouts, org) : null;
}

interface UserRow {
  user_id: string;
  email: string;
  display_name: string;
  is_instance_admin: number;
  role: string | null;
}

const principalOf = (row: UserRow, via: Principal["via"], extra: Partial<Principal>): Principal => ({
  userId: row.user_id,
  email: row.email,
  displayName: row.display_name,
  isInstanceAdmin: row.is_instance_admin === 1,
  via,
  orgRole: isRole(row.role) ? row.role : null,
  ...extra,
});

function userWithRole(db: Db, org: string | null) {
  return db.kysely
    .selectFrom("users as u")
    .leftJoin("memberships as m", (join) => join.onRef("m.user_id", "=", "u.id").on("m.org_id", "=", org ?? ""))
    .select(["u.id as user_id", "u.email", "u.display_name", "u.is_instance_admin", "u.disabled_at", "m.role"]);
}

async function authenticateSession(db: Db, token: string, timeouts: SessionTimeouts, org: string | null): Promise<Principal | null> {
  const row = await userWithRole(db, org)
    .innerJoin("sessions as s", "s.user_id", "u.id")
    .select(["s.id", "s.csrf_token", "s.expires_at", "s.last_seen_at", "s.revoked_at"])
    .where("s.token_hash", "=", sha256(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.disabled_at !== null || !isSessionLive(row, now, timeouts.idleMinutes)) return null;
  if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    // Not waited for: on SQLite a long write (an import's commit) holds the write connection,
    // and a request that only reads must not queue behind it for a timestamp.
    void db.kysely
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute()
      .catch(() => undefined);
  }
  return principalOf(row, "session", { sessionId: row.id, csrfToken: row.csrf_token });
}

async function authenticateToken(db: Db, token: string, org: string | null): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await userWithRole(db, org)
    .innerJoin("api_tokens as t", "t.user_id", "u.id")
    .select(["t.id", "t.org_id", "t.expires_at", "t.revoked_at", "t.last_used_at"])
    .where("t.token_hash", "=", sha256(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.disabled_at !== null || row.revoked_at !== null) return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now) return null;
  if (row.last_used_at === null || now - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    // Not waited for, as a session's touch above.
    void db.kysely
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute()
      .catch(() => undefined);
  }
  return principalOf(row, "token", {
    tokenId: row.id,
    tokenOrgId: row.org_id,
    // A token acts inside one organization only; instance administration needs a signed-in person.
    isInstanceAdmin: false,
    // Outside its own organization a token has no role at all.
    ...(org !== row.org_id ? { orgRole: null } : {}),
  });
}
