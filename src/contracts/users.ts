import { z } from "zod";
import { IdSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

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

const tags = ["users"];

/** Instance-wide user accounts; only an instance administrator manages them. */
export const userEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/users",
    access: access.instanceAdmin,
    tags,
    summary: "List user accounts",
    query: UserListQuerySchema,
    response: pageOf(UserSchema),
  }),
  disable: defineEndpoint({
    method: "POST",
    path: "/users/:userId/disable",
    access: access.instanceAdmin,
    tags,
    summary: "Disable a user: their sessions end at once and their API tokens stop working",
    params: UserParamsSchema,
    response: UserSchema,
  }),
  enable: defineEndpoint({
    method: "POST",
    path: "/users/:userId/enable",
    access: access.instanceAdmin,
    tags,
    summary: "Enable a disabled user",
    params: UserParamsSchema,
    response: UserSchema,
  }),
};
