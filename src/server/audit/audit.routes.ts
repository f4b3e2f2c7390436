import { AuditActionsSchema, AuditEventSchema, AuditListQuerySchema, AuditVerifySchema } from "../../contracts/audit.js";
import { OrgParamsSchema, pageOf } from "../../contracts/common.js";
import { auditPolicy } from "../../core/access/policies.js";
import { actionLabel } from "../../core/audit/names.js";
import { access, requireMember } from "../http/access.js";
import type { RouteModule } from "../http/routes.js";
import { auditActions, listAuditEvents, verifyAuditChain } from "./audit.repo.js";

const tags = ["audit"];

export const auditRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/audit", {
    config: { access: access.org(auditPolicy, "read") },
    schema: {
      tags,
      summary: "The organization's audit trail, newest first",
      params: OrgParamsSchema,
      querystring: AuditListQuerySchema,
      response: { 200: pageOf(AuditEventSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { cursor, limit, dir, ...filter } = request.query;
      return listAuditEvents(db, orgId, filter, { cursor, limit, dir });
    },
  });

  app.get("/orgs/:orgId/audit/actions", {
    config: { access: access.org(auditPolicy, "read") },
    schema: {
      tags,
      summary: "The actions the organization's audit trail holds, each with a label, for the log's filter",
      params: OrgParamsSchema,
      response: { 200: AuditActionsSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      return { items: (await auditActions(db, orgId)).map((action) => ({ action, label: actionLabel(action) })) };
    },
  });

  app.get("/orgs/:orgId/audit/verify", {
    config: { access: access.org(auditPolicy, "verify") },
    schema: {
      tags,
      summary: "Verify the audit trail's hash chain: intact, or the first broken event",
      params: OrgParamsSchema,
      response: { 200: AuditVerifySchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const verdict = await verifyAuditChain(db, orgId);
      return verdict.intact
        ? { intact: true, events: verdict.events, brokenAt: null, signed: verdict.signed }
        : { intact: false, events: verdict.events, brokenAt: verdict.brokenAt, signed: verdict.signed };
    },
  });
};
