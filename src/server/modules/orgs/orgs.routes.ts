import { orgEndpoints } from "../../../contracts/orgs.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, requirePrincipal, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { forbidden } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { createOrg, getOrg, listOrgsOf, renameOrg } from "./orgs.repo.js";

export const orgRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, orgEndpoints.list, async (request) => {
    const p = requirePrincipal(request);
    return { items: await listOrgsOf(db, p.userId, p.tokenOrgId) };
  });

  serveEndpoint(app, orgEndpoints.create, async (request, reply) => {
    const p = requirePrincipal(request);
    if (p.via === "token") throw forbidden("an API token works inside its own organization and cannot create another");
    const org = await withWrite(db, writeMeta(request), (ctx) => createOrg(ctx, request.body.name, p.userId));
    return reply.status(201).send(org);
  });

  serveEndpoint(app, orgEndpoints.get, async (request) => {
    const { orgId, role } = requireMember(request);
    return getOrg(db, orgId, role);
  });

  updateRoutes(app, {
    endpoints: orgEndpoints.update,
    current: (request) => {
      const { orgId, role } = requireMember(request);
      return getOrg(db, orgId, role);
    },
    write: (request, _params, body) => {
      const { orgId, role } = requireMember(request);
      return withWrite(db, writeMeta(request), (ctx) =>
        renameOrg(ctx, orgId, { name: body.name, currency: body.currency, locale: body.locale }, body.version, role),
      );
    },
  });
};
