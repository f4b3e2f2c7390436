import { z } from "zod";
import { tokenPolicy } from "../core/access/policies.js";
import { IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

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

const tags = ["tokens"];

/** The API token endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const tokenEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/tokens",
    access: access.org(tokenPolicy, "read"),
    tags,
    summary: "My API tokens for this organization",
    params: OrgParamsSchema,
    query: TokenListQuerySchema,
    response: pageOf(ApiTokenSchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/tokens",
    access: access.org(tokenPolicy, "manage"),
    tags,
    summary: "Create an API token acting with my role in this organization; the secret is shown once",
    params: OrgParamsSchema,
    body: CreateTokenBodySchema,
    response: CreatedApiTokenSchema,
    status: 201,
  }),
  revoke: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/tokens/:tokenId",
    access: access.org(tokenPolicy, "manage"),
    tags,
    summary: "Revoke one of my API tokens",
    params: TokenParamsSchema,
    response: ApiTokenSchema,
  }),
};
