import { z } from "zod";
import { IdSchema, PageQuery, TimestampSchema } from "./common.js";

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  displayName: z.string(),
  isInstanceAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("matches email or display name"),
  disabled: z.enum(["true", "false"]).optional(),
  sort: z.enum(["email", "displayName", "createdAt"]).default("email"),
});

export const UserParamsSchema = z.strictObject({ userId: IdSchema });
