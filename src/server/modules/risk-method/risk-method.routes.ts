import { OrgParamsSchema } from "../../../contracts/common.js";
import {
  MethodApproveSchema,
  MethodDraftInputSchema,
  MethodParamsSchema,
  MethodUpdateSchema,
  RiskMethodOverviewSchema,
  RiskMethodVersionSchema,
} from "../../../contracts/risk-method.js";
import { approvalPolicy, processPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/people.js";
import { approveMethod, createDraft, methodOverview, presentMethod, readMethodVersion, updateDraft } from "./risk-method.repo.js";

const tags = ["risk method"];

/** The risk method (8.2): scales, matrix and acceptance criteria, versioned and approved by management. */
export const riskMethodRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/risk-method";
  const item = `${base}/versions/:methodId`;

  app.get(base, {
    config: { access: access.org(processPolicy, "read") },
    schema: {
      tags,
      summary: "The method in force, the draft being prepared and every version",
      params: OrgParamsSchema,
      response: { 200: RiskMethodOverviewSchema },
    },
    handler: async (request) => methodOverview(db, requireMember(request).orgId),
  });

  app.post(`${base}/versions`, {
    config: { access: access.org(processPolicy, "manage") },
    schema: {
      tags,
      summary: "Start a new draft version (from the given definition, else the version in force, else the shipped default)",
      params: OrgParamsSchema,
      body: MethodDraftInputSchema,
      response: { 201: RiskMethodVersionSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const row = await withWrite(db, writeMeta(request), (ctx) => createDraft(ctx, orgId, request.body.definition, request.body.note));
      return reply.status(201).send(presentMethod(row, 0));
    },
  });

  app.get(item, {
    config: { access: access.org(processPolicy, "read") },
    schema: { tags, summary: "One version of the method", params: MethodParamsSchema, response: { 200: RiskMethodVersionSchema } },
    handler: async (request) => readMethodVersion(db, requireMember(request).orgId, request.params.methodId),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "a draft; refused with every problem named when the method does not hold together, and once it has scored risks",
    params: MethodParamsSchema,
    body: MethodUpdateSchema,
    response: RiskMethodVersionSchema,
    current: (request, params) => readMethodVersion(db, requireMember(request).orgId, params.methodId),
    write: (request, params, { definition, note, version }) =>
      withWrite(db, writeMeta(request), (ctx) =>
        updateDraft(ctx, requireMember(request).orgId, params.methodId, definition, note, version),
      ),
  });

  app.post(`${item}/approve`, {
    config: { access: access.org(approvalPolicy, "decide") },
    schema: {
      tags,
      summary: "Approve a draft (top management): it becomes the method in force, and risks scored with another version need re-scoring",
      params: MethodParamsSchema,
      body: MethodApproveSchema,
      response: { 200: RiskMethodVersionSchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const label = await personLabel(db, principal.userId);
      return withWrite(db, writeMeta(request), (ctx) =>
        approveMethod(ctx, orgId, request.params.methodId, { id: principal.userId, label }, request.body.comment),
      );
    },
  });
};
