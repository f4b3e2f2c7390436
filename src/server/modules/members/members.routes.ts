import { memberEndpoints } from "../../../contracts/members.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { addExistingUser, changeRole, getMember, listMembers, removeMember } from "./members.repo.js";

export const memberRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, memberEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { q, role, ...page } = request.query;
    return listMembers(db, orgId, { q, role }, page);
  });

  serveEndpoint(app, memberEndpoints.add, async (request, reply) => {
    const member = await withWrite(db, writeMeta(request), (ctx) =>
      addExistingUser(ctx, request.params.orgId, request.body.email, request.body.role),
    );
    return reply.status(201).send(member);
  });

  updateRoutes(app, {
    endpoints: memberEndpoints.role,
    current: (request, params) => getMember(db, requireMember(request).orgId, params.userId),
    write: (request, params, body) =>
      withWrite(db, writeMeta(request), (ctx) => changeRole(ctx, requireMember(request).orgId, params.userId, body.role, body.version)),
  });

  serveEndpoint(app, memberEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => removeMember(ctx, orgId, request.params.userId));
    return { ok: true as const };
  });
};
