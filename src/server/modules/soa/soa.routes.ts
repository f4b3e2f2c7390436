import { z } from "zod";
import { OkSchema, OrgParamsSchema } from "../../../contracts/common.js";
import {
  SoaBulkInputSchema,
  SoaBulkResultSchema,
  SoaControlParamsSchema,
  SoaEntryInputSchema,
  SoaVersionDetailSchema,
  SoaVersionInputSchema,
  SoaVersionParamsSchema,
  SoaVersionSchema,
  soaEndpoints,
  TreatmentPlanSchema,
} from "../../../contracts/soa.js";
import { approvalPolicy, registerPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/people.js";
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

  app.post("/orgs/:orgId/soa/bulk", {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary:
        "Include or exclude several controls with one note or justification; all or nothing (a control a treatment uses cannot be excluded)",
      params: OrgParamsSchema,
      body: SoaBulkInputSchema,
      response: { 200: SoaBulkResultSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { controlIds, ...decision } = request.body;
      return { updated: await withWrite(db, writeMeta(request), (ctx) => writeEntries(ctx, orgId, controlIds, decision)) };
    },
  });

  app.get("/orgs/:orgId/soa/versions", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Issued SoA versions, newest first",
      params: OrgParamsSchema,
      response: { 200: z.object({ items: z.array(SoaVersionSchema) }) },
    },
    handler: async (request) => listVersions(db, requireMember(request).orgId),
  });

  app.post("/orgs/:orgId/soa/versions", {
    config: { access: access.org(approvalPolicy, "request") },
    schema: {
      tags,
      summary: "Issue the SoA as it stands as a new version for management approval at G3; refused while a control is undecided",
      params: OrgParamsSchema,
      body: SoaVersionInputSchema,
      response: { 201: SoaVersionSchema },
    },
    handler: async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const label = await personLabel(db, principal.userId);
      const version = await withWrite(db, writeMeta(request), (ctx) => issueVersion(ctx, orgId, request.body.note, label));
      return reply.status(201).send(version);
    },
  });

  app.get("/orgs/:orgId/soa/versions/:number", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One issued SoA version as it was frozen",
      params: SoaVersionParamsSchema,
      response: { 200: SoaVersionDetailSchema },
    },
    handler: async (request) => readVersion(db, requireMember(request).orgId, request.params.number),
  });

  app.get("/orgs/:orgId/treatment-plan", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "The risk treatment plan: per treated risk, the controls, owner, target date, expected residual level and the owner's approval",
      params: OrgParamsSchema,
      response: { 200: TreatmentPlanSchema },
    },
    handler: async (request) => treatmentPlan(db, requireMember(request).orgId),
  });
};
