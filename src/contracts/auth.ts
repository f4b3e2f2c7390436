import { z } from "zod";
import { DisplayNameSchema, EmailSchema, IdSchema, OkSchema, PasswordSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, { error: "is required" }).max(256, { error: "must be at most 256 characters" }),
});

export const CurrentUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  displayName: z.string(),
  isInstanceAdmin: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export const SessionInfoSchema = z.object({
  user: CurrentUserSchema,
  csrfToken: z.string().describe("send as the X-CSRF-Token header on every state-changing request made with the session cookie"),
  expiresAt: TimestampSchema,
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, { error: "is required" }).max(256),
  newPassword: PasswordSchema,
});

export const SessionItemSchema = z.object({
  id: IdSchema,
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
  expiresAt: TimestampSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionItem = z.infer<typeof SessionItemSchema>;

export const SessionParamsSchema = z.strictObject({ sessionId: IdSchema });

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });

export const SetupBodySchema = z.strictObject({
  email: EmailSchema,
  displayName: DisplayNameSchema,
  password: PasswordSchema,
});

const tags = ["auth"];

/** Setting up, signing in and out, and the signed-in person's own account and sessions. */
export const authEndpoints = {
  setupStatus: defineEndpoint({
    method: "GET",
    path: "/setup",
    access: access.public,
    tags,
    summary: "Whether the first administrator still has to be created",
    response: SetupStatusSchema,
  }),
  setup: defineEndpoint({
    method: "POST",
    path: "/setup",
    access: access.public,
    tags,
    summary: "Create the first administrator (only while no user exists) and sign in",
    body: SetupBodySchema,
    response: SessionInfoSchema,
    status: 201,
  }),
  login: defineEndpoint({
    method: "POST",
    path: "/auth/login",
    access: access.public,
    tags,
    summary: "Sign in with email and password; sets the session cookie",
    body: LoginBodySchema,
    response: SessionInfoSchema,
  }),
  logout: defineEndpoint({
    method: "POST",
    path: "/auth/logout",
    access: access.user,
    tags,
    summary: "Sign out: revokes the current session",
    response: OkSchema,
  }),
  // Account routes take the session cookie only: an API token gets 403 session-required.
  me: defineEndpoint({
    method: "GET",
    path: "/auth/me",
    access: access.session,
    tags,
    summary: "The signed-in user, and the CSRF token of the session",
    response: SessionInfoSchema,
  }),
  changePassword: defineEndpoint({
    method: "POST",
    path: "/auth/password",
    access: access.session,
    tags,
    summary: "Change my password; signs out every other session",
    body: ChangePasswordBodySchema,
    response: OkSchema,
  }),
  sessions: defineEndpoint({
    method: "GET",
    path: "/auth/sessions",
    access: access.session,
    tags,
    summary: "My live sessions",
    response: z.object({ items: z.array(SessionItemSchema) }),
  }),
  revokeSession: defineEndpoint({
    method: "DELETE",
    path: "/auth/sessions/:sessionId",
    access: access.session,
    tags,
    summary: "Revoke one of my sessions",
    params: SessionParamsSchema,
    response: OkSchema,
  }),
  revokeAllSessions: defineEndpoint({
    method: "POST",
    path: "/auth/sessions/revoke-all",
    access: access.session,
    tags,
    summary: "Revoke all my sessions but the current one",
    response: z.object({ revoked: z.number().int() }),
  }),
};
