import { z } from "zod";
import { IdSchema, VersionSchema } from "./common.js";

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
