import { z } from "zod";
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  SessionInfoSchema,
  SessionItemSchema,
  SessionParamsSchema,
  SetupBodySchema,
  SetupStatusSchema,
} from "../../contracts/auth.js";
import { OkSchema } from "../../contracts/common.js";
import { withWrite } from "../db/audited.js";
import { access, requirePrincipal, writeMeta } from "../http/access.js";
import { HttpProblem, unauthorized } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import {
  assertPasswordAcceptable,
  countUsers,
  createUser,
  findUserByEmail,
  findUserById,
  setPassword,
} from "../modules/users/users.repo.js";
import { burnPasswordCheck, verifyPassword } from "../security/hashing.js";
import { endSessionCookie, startSession } from "./session-cookie.js";
import { listSessions, revokeAllSessions, revokeSession } from "./sessions.repo.js";
import { throttledPasswordCheck } from "./throttle.js";

const tags = ["auth"];
/** Account routes take the session cookie only: an API token gets 403 session-required. */
const sessionOnly = { tags, security: [{ session: [] }] };

export const authRoutes: RouteModule = (app, { db, config }) => {
  const timeouts = { idleMinutes: config.ISMS_SESSION_IDLE_MINUTES, absoluteHours: config.ISMS_SESSION_ABSOLUTE_HOURS };

  app.get("/setup", {
    config: { access: access.public },
    schema: { tags, summary: "Whether the first administrator still has to be created", response: { 200: SetupStatusSchema } },
    handler: async () => ({ needsSetup: (await countUsers(db)) === 0 }),
  });

  app.post("/setup", {
    config: { access: access.public },
    schema: {
      tags,
      summary: "Create the first administrator (only while no user exists) and sign in",
      body: SetupBodySchema,
      response: { 201: SessionInfoSchema },
    },
    handler: async (request, reply) => {
      const result = await withWrite(db, writeMeta(request), async (ctx) => {
        const existing = await ctx.trx.selectFrom("users").select("id").limit(1).executeTakeFirst();
        if (existing)
          throw new HttpProblem(409, "already-set-up", "Already set up", "the first administrator exists already; sign in instead");
        const user = await createUser(ctx, { ...request.body, isInstanceAdmin: true });
        return startSession(ctx, reply, request, user, timeouts);
      });
      return reply.status(201).send(result);
    },
  });

  app.post("/auth/login", {
    config: { access: access.public },
    schema: {
      tags,
      summary: "Sign in with email and password; sets the session cookie",
      body: LoginBodySchema,
      response: { 200: SessionInfoSchema },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.post("/auth/logout", {
    config: { access: access.user },
    schema: { tags, summary: "Sign out: revokes the current session", response: { 200: OkSchema } },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.sessionId) {
        const sessionId = principal.sessionId;
        await withWrite(db, writeMeta(request), (ctx) => revokeSession(ctx, principal.userId, sessionId));
      }
      endSessionCookie(reply);
      return { ok: true as const };
    },
  });

  app.get("/auth/me", {
    config: { access: access.session },
    schema: { ...sessionOnly, summary: "The signed-in user, and the CSRF token of the session", response: { 200: SessionInfoSchema } },
    handler: async (request) => {
      const p = requirePrincipal(request);
      const session = p.sessionId
        ? await db.kysely.selectFrom("sessions").select("expires_at").where("id", "=", p.sessionId).executeTakeFirst()
        : undefined;
      return {
        user: { id: p.userId, email: p.email, displayName: p.displayName, isInstanceAdmin: p.isInstanceAdmin },
        csrfToken: p.csrfToken ?? "",
        expiresAt: session?.expires_at ?? new Date(Date.now() + 3_600_000).toISOString(),
      };
    },
  });

  app.post("/auth/password", {
    config: { access: access.session },
    schema: {
      ...sessionOnly,
      summary: "Change my password; signs out every other session",
      body: ChangePasswordBodySchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
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
    },
  });

  app.get("/auth/sessions", {
    config: { access: access.session },
    schema: { ...sessionOnly, summary: "My live sessions", response: { 200: z.object({ items: z.array(SessionItemSchema) }) } },
    handler: async (request) => {
      const p = requirePrincipal(request);
      return { items: await listSessions(db, p.userId, p.sessionId, timeouts.idleMinutes) };
    },
  });

  app.delete("/auth/sessions/:sessionId", {
    config: { access: access.session },
    schema: { ...sessionOnly, summary: "Revoke one of my sessions", params: SessionParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const p = requirePrincipal(request);
      await withWrite(db, writeMeta(request), (ctx) => revokeSession(ctx, p.userId, request.params.sessionId));
      return { ok: true as const };
    },
  });

  app.post("/auth/sessions/revoke-all", {
    config: { access: access.session },
    schema: {
      ...sessionOnly,
      summary: "Revoke all my sessions but the current one",
      response: { 200: z.object({ revoked: z.number().int() }) },
    },
    handler: async (request) => {
      const p = requirePrincipal(request);
      const revoked = await withWrite(db, writeMeta(request), (ctx) => revokeAllSessions(ctx, p.userId, p.sessionId));
      return { revoked };
    },
  });
};
