import { authEndpoints } from "../../contracts/auth.js";
import { withWrite } from "../db/audited.js";
import { requirePrincipal, writeMeta } from "../http/access.js";
import { serveEndpoint } from "../http/endpoint.js";
import { HttpProblem, unauthorized } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import {
  anyUserExists,
  assertPasswordAcceptable,
  countUsers,
  createUser,
  findUserByEmail,
  findUserById,
  setPassword,
} from "../modules/users/index.js";
import { burnPasswordCheck, verifyPassword } from "../security/hashing.js";
import { endSessionCookie, startSession } from "./session-cookie.js";
import { listSessions, revokeAllSessions, revokeSession, sessionExpiry } from "./sessions.repo.js";
import { throttledPasswordCheck } from "./throttle.js";

export const authRoutes: RouteModule = (app, { db, config }) => {
  const timeouts = { idleMinutes: config.ISMS_SESSION_IDLE_MINUTES, absoluteHours: config.ISMS_SESSION_ABSOLUTE_HOURS };

  serveEndpoint(app, authEndpoints.setupStatus, async () => ({ needsSetup: (await countUsers(db)) === 0 }));

  serveEndpoint(app, authEndpoints.setup, async (request, reply) => {
    const result = await withWrite(db, writeMeta(request), async (ctx) => {
      if (await anyUserExists(ctx))
        throw new HttpProblem(409, "already-set-up", "Already set up", "the first administrator exists already; sign in instead");
      const user = await createUser(ctx, { ...request.body, isInstanceAdmin: true });
      return startSession(ctx, reply, request, user, timeouts);
    });
    return reply.status(201).send(result);
  });

  serveEndpoint(app, authEndpoints.login, async (request, reply) => {
    const { email, password } = request.body;
    const user = await findUserByEmail(db, email);
    const ok = await throttledPasswordCheck(db, email, request.ip, async () => {
      if (!user) {
        await burnPasswordCheck(password);
        return false;
      }
      return (await verifyPassword(user.password_hash, password)) && user.disabled_at === null;
    });
    if (!user || !ok) throw unauthorized("the email or password is wrong, or the account is disabled");
    return withWrite(db, { ...writeMeta(request), actor: { type: "user", id: user.id } }, (ctx) =>
      startSession(ctx, reply, request, user, timeouts),
    );
  });

  serveEndpoint(app, authEndpoints.logout, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (principal.sessionId) {
      const sessionId = principal.sessionId;
      await withWrite(db, writeMeta(request), (ctx) => revokeSession(ctx, principal.userId, sessionId));
    }
    endSessionCookie(reply);
    return { ok: true as const };
  });

  serveEndpoint(app, authEndpoints.me, async (request) => {
    const p = requirePrincipal(request);
    const expiresAt = p.sessionId ? await sessionExpiry(db, p.sessionId) : undefined;
    return {
      user: { id: p.userId, email: p.email, displayName: p.displayName, isInstanceAdmin: p.isInstanceAdmin },
      csrfToken: p.csrfToken ?? "",
      expiresAt: expiresAt ?? new Date(Date.now() + 3_600_000).toISOString(),
    };
  });

  serveEndpoint(app, authEndpoints.changePassword, async (request) => {
    const p = requirePrincipal(request);
    const user = await findUserById(db, p.userId);
    // The new password is judged first, so a refused one spends no password check.
    if (user)
      await assertPasswordAcceptable(request.body.newPassword, { email: user.email, displayName: user.display_name }, "newPassword");
    const current = request.body.currentPassword;
    if (!user || !(await throttledPasswordCheck(db, user.email, request.ip, () => verifyPassword(user.password_hash, current)))) {
      throw new HttpProblem(400, "validation", "Invalid request", "the current password is wrong", {
        errors: [{ field: "currentPassword", message: "is wrong" }],
      });
    }
    await withWrite(db, writeMeta(request), async (ctx) => {
      await setPassword(ctx, user, request.body.newPassword, "newPassword");
      await revokeAllSessions(ctx, p.userId, p.sessionId);
    });
    return { ok: true as const };
  });

  serveEndpoint(app, authEndpoints.sessions, async (request) => {
    const p = requirePrincipal(request);
    return { items: await listSessions(db, p.userId, p.sessionId, timeouts.idleMinutes) };
  });

  serveEndpoint(app, authEndpoints.revokeSession, async (request) => {
    const p = requirePrincipal(request);
    await withWrite(db, writeMeta(request), (ctx) => revokeSession(ctx, p.userId, request.params.sessionId));
    return { ok: true as const };
  });

  serveEndpoint(app, authEndpoints.revokeAllSessions, async (request) => {
    const p = requirePrincipal(request);
    const revoked = await withWrite(db, writeMeta(request), (ctx) => revokeAllSessions(ctx, p.userId, p.sessionId));
    return { revoked };
  });
};
