import { OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  ApiTokenSchema,
  CreatedApiTokenSchema,
  CreateTokenBodySchema,
  TokenListQuerySchema,
  TokenParamsSchema,
} from "../../../contracts/tokens.js";
import { tokenPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { forbidden } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { createToken, listTokens, revokeToken } from "./tokens.repo.js";

const tags = ["tokens"];

export const tokenRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/tokens", {
    config: { access: access.org(tokenPolicy, "read") },
    schema: {
      tags,
      summary: "My API tokens for this organization",
      params: OrgParamsSchema,
      querystring: TokenListQuerySchema,
      response: { 200: pageOf(ApiTokenSchema) },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const { includeRevoked, ...page } = request.query;
      return listTokens(db, orgId, principal.userId, includeRevoked === "true", page);
    },
  });

  app.post("/orgs/:orgId/tokens", {
    config: { access: access.org(tokenPolicy, "manage") },
    schema: {
      tags,
      summary: "Create an API token acting with my role in this organization; the secret is shown once",
      params: OrgParamsSchema,
      body: CreateTokenBodySchema,
      response: { 201: CreatedApiTokenSchema },
    },
    handler: async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      if (principal.via === "token") throw forbidden("a token cannot create tokens; sign in to create one");
      const created = await withWrite(db, writeMeta(request), (ctx) => createToken(ctx, orgId, principal.userId, request.body));
      return reply.status(201).send(created);
    },
  });

  app.delete("/orgs/:orgId/tokens/:tokenId", {
    config: { access: access.org(tokenPolicy, "manage") },
    schema: { tags, summary: "Revoke one of my API tokens", params: TokenParamsSchema, response: { 200: ApiTokenSchema } },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      return withWrite(db, writeMeta(request), (ctx) => revokeToken(ctx, orgId, principal.userId, request.params.tokenId));
    },
  });
};
