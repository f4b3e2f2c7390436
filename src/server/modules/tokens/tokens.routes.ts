import { tokenEndpoints } from "../../../contracts/tokens.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { forbidden } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { createToken, listTokens, revokeToken } from "./tokens.repo.js";

export const tokenRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, tokenEndpoints.list, async (request) => {
    const { orgId, principal } = requireMember(request);
    const { includeRevoked, ...page } = request.query;
    return listTokens(db, orgId, principal.userId, includeRevoked === "true", page);
  });

  serveEndpoint(app, tokenEndpoints.create, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    if (principal.via === "token") throw forbidden("a token cannot create tokens; sign in to create one");
    const created = await withWrite(db, writeMeta(request), (ctx) => createToken(ctx, orgId, principal.userId, request.body));
    return reply.status(201).send(created);
  });

  serveEndpoint(app, tokenEndpoints.revoke, async (request) => {
    const { orgId, principal } = requireMember(request);
    return withWrite(db, writeMeta(request), (ctx) => revokeToken(ctx, orgId, principal.userId, request.params.tokenId));
  });
};
