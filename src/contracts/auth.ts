import { z } from "zod";
import { DisplayNameSchema, EmailSchema, IdSchema, PasswordSchema, TimestampSchema } from "./common.js";

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
