import { OkSchema } from "../../../contracts/common.js";
import { SoaControlParamsSchema, SoaEntryInputSchema, soaEndpoints } from "../../../contracts/soa.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/index.js";
import { issueVersion, listVersions, readEntryInput, readSoa, readVersion, treatmentPlan, writeEntries, writeEntry } from "./soa.repo.js";

const tags = ["statement of applicability"];

/** The Statement of Applicability and the risk treatment plan (8.3), issued in versions for G3 (8.4). */
export const soaRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, soaEndpoints.read, (request) => readSoa(db, requireMember(request).orgId));

  updateRoutes(app, {
    url: "/orgs/:orgId/soa/controls/:controlId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary:
      "a control's SoA entry: its decision (include with a note, exclude with a justification), implementation status, owner and requirements",
    params: SoaControlParamsSchema,
    body: SoaEntryInputSchema,
    response: OkSchema,
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
