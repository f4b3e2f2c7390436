import { z } from "zod";
import { IdSchema, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { RoleSchema } from "./members.js";

const OrgNameSchema = z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" });

export const OrgSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema.describe("the caller's role in this organization"),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Org = z.infer<typeof OrgSchema>;

export const CreateOrgBodySchema = z.strictObject({ name: OrgNameSchema });
export const UpdateOrgBodySchema = z.strictObject({ name: OrgNameSchema, version: VersionSchema });

/** The organizations endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const orgEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs",
    access: access.user,
    tags: ["organizations"],
    summary: "The organizations I belong to, with my role in each",
    response: z.object({ items: z.array(OrgSchema) }),
  }),
};
