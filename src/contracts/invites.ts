import { z } from "zod";
import { invitePolicy } from "../core/access/policies.js";
import { SessionInfoSchema } from "./auth.js";
import { DisplayNameSchema, EmailSchema, IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
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

const tags = ["invites"];

/** The invitation endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const inviteEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/invites",
    access: access.org(invitePolicy, "read"),
    tags,
    summary: "Invitations of the organization",
    params: OrgParamsSchema,
    query: InviteListQuerySchema,
    response: pageOf(InviteSchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/invites",
    access: access.org(invitePolicy, "manage"),
    tags,
    summary: "Invite someone by a one-time link (there is no mail: copy the link to them)",
    params: OrgParamsSchema,
    body: CreateInviteBodySchema,
    response: CreatedInviteSchema,
    status: 201,
  }),
  revoke: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/invites/:inviteId",
    access: access.org(invitePolicy, "manage"),
    tags,
    summary: "Revoke a pending invitation",
    params: InviteParamsSchema,
    response: InviteSchema,
  }),
  info: defineEndpoint({
    method: "GET",
    path: "/invites/:token",
    access: access.public,
    tags,
    summary: "What an invitation link is for",
    params: InviteTokenParamsSchema,
    response: InviteInfoSchema,
  }),
  accept: defineEndpoint({
    method: "POST",
    path: "/invites/:token/accept",
    access: access.public,
    tags,
    summary: "Accept an invitation: with the existing account's password, or by creating the account; signs in",
    params: InviteTokenParamsSchema,
    body: AcceptInviteBodySchema,
    response: SessionInfoSchema.extend({ orgId: z.string() }),
  }),
};
