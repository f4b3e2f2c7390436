import { riskMethodEndpoints } from "../../../contracts/risk-method.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/index.js";
import { approveMethod, createDraft, methodOverview, presentMethod, readMethodVersion, updateDraft } from "./risk-method.repo.js";

/** The risk method (8.2): scales, matrix and acceptance criteria, versioned and approved by management. */
export const riskMethodRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, riskMethodEndpoints.overview, (request) => methodOverview(db, requireMember(request).orgId));

  serveEndpoint(app, riskMethodEndpoints.createDraft, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await withWrite(db, writeMeta(request), (ctx) => createDraft(ctx, orgId, request.body.definition, request.body.note));
    return reply.status(201).send(presentMethod(row, 0));
  });

  serveEndpoint(app, riskMethodEndpoints.get, (request) => readMethodVersion(db, requireMember(request).orgId, request.params.methodId));

  updateRoutes(app, {
    endpoints: riskMethodEndpoints.draft,
    current: (request, params) => readMethodVersion(db, requireMember(request).orgId, params.methodId),
    write: (request, params, { definition, note, version }) =>
      withWrite(db, writeMeta(request), (ctx) =>
        updateDraft(ctx, requireMember(request).orgId, params.methodId, definition, note, version),
      ),
  });

  serveEndpoint(app, riskMethodEndpoints.approve, async (request) => {
    const { orgId, principal } = requireMember(request);
    const label = await personLabel(db, principal.userId);
    return withWrite(db, writeMeta(request), (ctx) =>
      approveMethod(ctx, orgId, request.params.methodId, { id: principal.userId, label }, request.body.comment),
    );
  });
};
