import { z } from "zod";
import { memberPolicy } from "../core/access/policies.js";
import { ROLES } from "../core/access/roles.js";
import { EmailSchema, IdSchema, OkSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

export const MemberSchema = z.object({
  userId: IdSchema,
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  joinedAt: TimestampSchema,
  version: z.number().int(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("matches email or display name"),
  role: RoleSchema.optional(),
  sort: z.enum(["email", "displayName", "role", "joinedAt"]).default("email"),
});

export const MemberParamsSchema = z.strictObject({ orgId: IdSchema, userId: IdSchema });
export const UpdateMemberBodySchema = z.strictObject({ role: RoleSchema, version: VersionSchema });
/** An instance administrator adds an account that already exists (as `isms member add` does); others are invited. */
export const AddMemberBodySchema = z.strictObject({ email: EmailSchema, role: RoleSchema });

const tags = ["members"];
const MemberOrgParamsSchema = MemberParamsSchema.pick({ orgId: true });

/** The membership endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const memberEndpoints = {
  /** A member's role: `PUT` and `PATCH` of /orgs/:orgId/members/:userId. */
  role: updateEndpoints({
    path: "/orgs/:orgId/members/:userId",
    access: access.org(memberPolicy, "manage"),
    tags: ["members"],
    summary: "a member's role",
    params: MemberParamsSchema,
    body: UpdateMemberBodySchema,
    response: MemberSchema,
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/members",
    access: access.org(memberPolicy, "read"),
    tags,
    summary: "Members of the organization and their roles",
    params: MemberOrgParamsSchema,
    query: MemberListQuerySchema,
    response: pageOf(MemberSchema),
  }),
  add: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/members",
    // Instance-wide: it names accounts by email across the instance, which an organization's own
    // administrator must not be able to probe; they invite instead.
    access: access.instanceAdmin,
    tags,
    summary: "Add an existing user to the organization with a role, without an invitation (instance administrators)",
    params: MemberOrgParamsSchema,
    body: AddMemberBodySchema,
    response: MemberSchema,
    status: 201,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/members/:userId",
    access: access.org(memberPolicy, "manage"),
    tags,
    summary: "Remove a member from the organization",
    params: MemberParamsSchema,
    response: OkSchema,
  }),
};
