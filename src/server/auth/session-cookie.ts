import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionInfo } from "../../contracts/auth.js";
import type { WriteContext } from "../db/audited.js";
import type { UsersTable } from "../db/schema.js";
import { SESSION_COOKIE } from "./principal.js";
import { createSession, type SessionTimeouts } from "./sessions.repo.js";

/** Creates a session for the user and sets its cookie on the reply. */
export async function startSession(
  ctx: WriteContext,
  reply: FastifyReply,
  request: FastifyRequest,
  user: UsersTable,
  timeouts: SessionTimeouts,
): Promise<SessionInfo> {
  const { token, session } = await createSession(ctx, user.id, timeouts, {
    ip: request.ip,
    userAgent: request.headers["user-agent"] ?? null,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: timeouts.absoluteHours * 3600,
  });
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, isInstanceAdmin: user.is_instance_admin === 1 },
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at,
  };
}

export function endSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
