import { z } from "zod";
import { ROLES } from "../core/access/roles.js";
import { EmailSchema, IdSchema, PageQuery, TimestampSchema, VersionSchema } from "./common.js";

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
