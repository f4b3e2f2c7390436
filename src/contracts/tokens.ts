import { z } from "zod";
import { IdSchema, PageQuery, TimestampSchema } from "./common.js";

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string().describe("the first characters of the token, to recognise it"),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe("shown once; send as Authorization: Bearer <token>"),
});

export const CreateTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(100, { error: "must be at most 100 characters" }),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90).describe("null: never expires"),
});

export const TokenListQuerySchema = z.object({
  ...PageQuery,
  includeRevoked: z.enum(["true", "false"]).default("false"),
  sort: z.enum(["createdAt", "name"]).default("createdAt"),
});

export const TokenParamsSchema = z.strictObject({ orgId: IdSchema, tokenId: IdSchema });
