import { soaEndpoints } from "../../../contracts/soa.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/index.js";
import { issueVersion, listVersions, readEntryInput, readSoa, readVersion, treatmentPlan, writeEntries, writeEntry } from "./soa.repo.js";

/** The Statement of Applicability and the risk treatment plan (8.3), issued in versions for G3 (8.4). */
export const soaRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, soaEndpoints.read, (request) => readSoa(db, requireMember(request).orgId));

  updateRoutes(app, {
    endpoints: soaEndpoints.entry,
    current: (request, params) => readEntryInput(db, requireMember(request).orgId, params.controlId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => writeEntry(ctx, orgId, params.controlId, body));
      return { ok: true as const };
    },
  });

  serveEndpoint(app, soaEndpoints.bulk, async (request) => {
    const { orgId } = requireMember(request);
    const { controlIds, ...decision } = request.body;
    return { updated: await withWrite(db, writeMeta(request), (ctx) => writeEntries(ctx, orgId, controlIds, decision)) };
  });

  serveEndpoint(app, soaEndpoints.versions, (request) => listVersions(db, requireMember(request).orgId));

  serveEndpoint(app, soaEndpoints.issue, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const label = await personLabel(db, principal.userId);
    const version = await withWrite(db, writeMeta(request), (ctx) => issueVersion(ctx, orgId, request.body.note, label));
    return reply.status(201).send(version);
  });

  serveEndpoint(app, soaEndpoints.version, (request) => readVersion(db, requireMember(request).orgId, request.params.number));

  serveEndpoint(app, soaEndpoints.treatmentPlan, (request) => treatmentPlan(db, requireMember(request).orgId));
};
