import { auditEndpoints } from "../../contracts/audit.js";
import { actionLabel } from "../../core/audit/names.js";
import { requireMember } from "../http/access.js";
import { serveEndpoint } from "../http/endpoint.js";
import type { RouteModule } from "../http/routes.js";
import { auditActions, listAuditEvents, verifyAuditChain } from "./audit.repo.js";

export const auditRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, auditEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { cursor, limit, dir, ...filter } = request.query;
    return listAuditEvents(db, orgId, filter, { cursor, limit, dir });
  });

  serveEndpoint(app, auditEndpoints.actions, async (request) => {
    const { orgId } = requireMember(request);
    return { items: (await auditActions(db, orgId)).map((action) => ({ action, label: actionLabel(action) })) };
  });

  serveEndpoint(app, auditEndpoints.verify, async (request) => {
    const { orgId } = requireMember(request);
    const verdict = await verifyAuditChain(db, orgId);
    return verdict.intact
      ? { intact: true, events: verdict.events, brokenAt: null, signed: verdict.signed }
      : { intact: false, events: verdict.events, brokenAt: verdict.brokenAt, signed: verdict.signed };
  });
};
