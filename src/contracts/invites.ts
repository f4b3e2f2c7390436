import { z } from "zod";
import { DisplayNameSchema, EmailSchema, IdSchema, PageQuery, TimestampSchema } from "./common.js";
import { RoleSchema } from "./members.js";

export const InviteStatusSchema = z.enum(["pending", "accepted", "expired", "revoked"]);

export const InviteSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  status: InviteStatusSchema,
  expiresAt: TimestampSchema,
  createdAt: TimestampSchema,
  createdBy: z.string().nullable().describe("display name of the inviter"),
});
export type Invite = z.infer<typeof InviteSchema>;

export const CreatedInviteSchema = InviteSchema.extend({
  token: z.string().describe("shown once: the one-time secret of the invitation link"),
  path: z.string().describe("the invitation link's path; prefix it with the app's address"),
});

export const CreateInviteBodySchema = z.strictObject({
  email: EmailSchema,
  role: RoleSchema,
  expiresInHours: z.number().int().min(1).max(720).default(72),
});

export const InviteListQuerySchema = z.object({
  ...PageQuery,
  status: InviteStatusSchema.optional(),
  sort: z.enum(["createdAt", "email", "expiresAt"]).default("createdAt"),
});

export const InviteParamsSchema = z.strictObject({ orgId: IdSchema, inviteId: IdSchema });
export const InviteTokenParamsSchema = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, { error: "is not an invitation token" }),
});

export const InviteInfoSchema = z.object({
  orgName: z.string(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: TimestampSchema,
  accountExists: z.boolean().describe("true: accept with that account's password; false: choose a display name and password"),
});

export const AcceptInviteBodySchema = z.strictObject({
  password: z.string().min(1, { error: "is required" }).max(256),
  displayName: DisplayNameSchema.optional(),
});
