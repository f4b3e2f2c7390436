import type { SessionItem } from "../../contracts/auth.js";
import { uuidv7 } from "../../core/ids.js";
import { insertAudited, updateAudited, type WriteContext } from "../db/audited.js";
import type { Db } from "../db/database.js";
import type { SessionsTable } from "../db/schema.js";
import { randomSecret, sha256 } from "../security/hashing.js";

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

/** Creates a session and returns its secret, which only the cookie ever holds (the database keeps a hash). */
export async function createSession(
  ctx: WriteContext,
  userId: string,
  timeouts: SessionTimeouts,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionsTable }> {
  const token = randomSecret(32);
  const session: SessionsTable = {
    id: uuidv7(),
    token_hash: sha256(token),
    user_id: userId,
    csrf_token: randomSecret(24),
    created_at: ctx.now,
    last_seen_at: ctx.now,
    expires_at: new Date(Date.parse(ctx.now) + timeouts.absoluteHours * 3_600_000).toISOString(),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    revoked_at: null,
  };
  await insertAudited(ctx, "sessions", session, { orgId: null, entityType: "session", action: "session.created" });
  return { token, session };
}

export async function revokeSession(ctx: WriteContext, userId: string, sessionId: string): Promise<void> {
  await updateAudited(
    ctx,
    "sessions",
    sessionId,
    { revoked_at: ctx.now },
    {
      orgId: null,
      entityType: "session",
      action: "session.revoked",
      scope: { user_id: userId },
    },
  );
}

/** Revokes every live session of a user, except `keep` (the caller's own, when they ask to sign out elsewhere). */
export async function revokeAllSessions(ctx: WriteContext, userId: string, keep?: string): Promise<number> {
  let query = ctx.trx
    .selectFrom("sessions")
    .select("id")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", ctx.now);
  if (keep) query = query.where("id", "!=", keep);
  const live = await query.execute();
  for (const { id } of live) await revokeSession(ctx, userId, id);
  return live.length;
}

export function isSessionLive(
  session: Pick<SessionsTable, "revoked_at" | "expires_at" | "last_seen_at">,
  now: number,
  idleMinutes: number,
): boolean {
  return (
    session.revoked_at === null && Date.parse(session.expires_at) > now && Date.parse(session.last_seen_at) + idleMinutes * 60_000 > now
  );
}

export async function listSessions(db: Db, userId: string, currentId: string | undefined, idleMinutes: number): Promise<SessionItem[]> {
  const rows = await db.kysely
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("last_seen_at", "desc")
    .limit(200)
    .execute();
  const now = Date.now();
  return rows
    .filter((s) => isSessionLive(s, now, idleMinutes))
    .map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
      current: s.id === currentId,
    }));
}

/** When a session ends unless renewed, or undefined when there is no such session. */
export async function sessionExpiry(db: Db, sessionId: string): Promise<string | undefined> {
  const row = await db.kysely.selectFrom("sessions").select("expires_at").where("id", "=", sessionId).executeTakeFirst();
  return row?.expires_at;
}
