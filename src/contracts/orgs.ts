import { z } from "zod";
import { IdSchema, TimestampSchema, VersionSchema } from "./common.js";
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
