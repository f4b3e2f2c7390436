import { z } from "zod";
import { processPolicy } from "../core/access/policies.js";
import { IdSchema, OkSchema, OrgParamsSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { ActivityParamsSchema } from "./process.js";
import { updateEndpoints } from "./register.js";

export const IsmsRoleSchema = z.object({
  id: IdSchema,
  key: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  mandatory: z.boolean(),
  people: z.array(z.object({ assignmentId: IdSchema, userId: IdSchema.nullable(), personName: z.string() })),
  version: z.number().int(),
});
export type IsmsRole = z.infer<typeof IsmsRoleSchema>;

export const IsmsRoleInputSchema = z.strictObject({
  title: z.string().trim().min(1, { error: "must not be empty" }).max(200),
  description: z.string().trim().max(4000).nullable().default(null),
  mandatory: z.boolean().default(false),
});
export const IsmsRoleUpdateSchema = IsmsRoleInputSchema.extend({ version: VersionSchema });
export const IsmsRoleParamsSchema = z.strictObject({ orgId: IdSchema, roleId: IdSchema });

export const AssignmentInputSchema = z
  .strictObject({
    userId: IdSchema.nullable().default(null),
    personName: z.string().trim().max(200).nullable().default(null),
  })
  .refine((v) => v.userId !== null || (v.personName ?? "") !== "", {
    error: "give a member (userId) or a person's name",
    path: ["personName"],
  });
export const AssignmentParamsSchema = z.strictObject({ orgId: IdSchema, roleId: IdSchema, assignmentId: IdSchema });

export const RaciEntrySchema = z.object({
  activityId: z.string(),
  responsible: z.array(IdSchema),
  accountable: IdSchema.nullable(),
  consulted: z.array(IdSchema),
  informed: z.array(IdSchema),
});
export const RaciMatrixSchema = z.object({ roles: z.array(IsmsRoleSchema), entries: z.array(RaciEntrySchema) });
export const RaciInputSchema = z.strictObject({
  responsible: z.array(IdSchema).max(50).default([]),
  accountable: IdSchema.describe("exactly one accountable role"),
  consulted: z.array(IdSchema).max(50).default([]),
  informed: z.array(IdSchema).max(50).default([]),
});

const tags = ["roles and RACI"];

/** The ISMS roles, the people in them and the RACI matrix over the activity catalog. */
export const raciEndpoints = {
  listRoles: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/isms-roles",
    access: access.org(processPolicy, "read"),
    tags,
    summary: "The organization's ISMS roles (Annex B) and the people in them",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(IsmsRoleSchema) }),
  }),
  createRole: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/isms-roles",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "Add a role",
    params: OrgParamsSchema,
    body: IsmsRoleInputSchema,
    response: IsmsRoleSchema,
    status: 201,
  }),
  updateRole: updateEndpoints({
    path: "/orgs/:orgId/isms-roles/:roleId",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "a role",
    params: IsmsRoleParamsSchema,
    body: IsmsRoleUpdateSchema,
    response: IsmsRoleSchema,
  }),
  deleteRole: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/isms-roles/:roleId",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "Remove a role that is accountable for nothing",
    params: IsmsRoleParamsSchema,
    response: OkSchema,
  }),
  assign: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/isms-roles/:roleId/people",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "Put a member or a named person in a role",
    params: IsmsRoleParamsSchema,
    body: AssignmentInputSchema,
    response: IsmsRoleSchema,
    status: 201,
  }),
  unassign: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/isms-roles/:roleId/people/:assignmentId",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "Take a person out of a role",
    params: AssignmentParamsSchema,
    response: OkSchema,
  }),
  matrix: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/raci",
    access: access.org(processPolicy, "read"),
    tags,
    summary: "The RACI matrix over the activity catalog",
    params: OrgParamsSchema,
    response: RaciMatrixSchema,
  }),
  setRaci: updateEndpoints({
    path: "/orgs/:orgId/raci/:activityId",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "who is Responsible, Accountable (exactly one), Consulted and Informed for an activity",
    params: ActivityParamsSchema,
    body: RaciInputSchema,
    response: RaciEntrySchema,
  }),
};
