import { OkSchema, OrgParamsSchema } from "../../../contracts/common.js";
import {
  CoverageSchema,
  DecisionInputSchema,
  DecisionParamsSchema,
  ExemptionInputSchema,
  ExemptionParamsSchema,
  HeatmapQuerySchema,
  HeatmapSchema,
  QuantQuerySchema,
  RevokeDecisionSchema,
  RiskDashboardSchema,
  RiskDetailSchema,
  RiskInputSchema,
  RiskParamsSchema,
  RiskQuantResultSchema,
  RiskUpdateSchema,
  riskEndpoints,
} from "../../../contracts/risks.js";
import { registerPolicy, riskDecisionPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { QuantRunner } from "./quant-runner.js";
import { decide, revokeDecision, riskDetail } from "./risk-decisions.js";
import { aggregateQuant, coverage, dashboard, heatmap, removeExemption, riskQuant, setExemption } from "./risk-views.js";
import { createRisk, deleteRisk, listRisks, updateRisk } from "./risks.repo.js";

const tags = ["risk register"];

/** A risk as GET shows it names its asset, threat, vulnerability, affected assets and owner by objects; the input by ids. */
const RISK_REFERENCES = {
  asset: "assetId",
  threat: "threatId",
  vulnerability: "vulnerabilityId",
  affectedAssets: "affectedAssetIds",
  owner: "ownerUserId",
};

/** The risk register (8.2), its treatment and the owners' decisions (8.3, 8.4), and the quantitative view. */
export const riskRoutes: RouteModule = (app, { db, config }) => {
  const runner = new QuantRunner({ workers: config.ISMS_QUANT_WORKERS, perOrg: config.ISMS_QUANT_PER_ORG });
  app.addHook("onClose", () => runner.close());
  const base = "/orgs/:orgId/risks";
  const item = `${base}/:riskId`;

  serveEndpoint(app, riskEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { cursor, limit, dir, sort, overdue, ...filter } = request.query;
    return listRisks(db, orgId, { ...filter, overdue: overdue === "true" }, { cursor, limit, dir, sort });
  });

  app.get(`${base}/heatmap`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Open risks per cell of the matrix in force, for the inherent, current or residual scores",
      params: OrgParamsSchema,
      querystring: HeatmapQuerySchema,
      response: { 200: HeatmapSchema },
    },
    handler: async (request) => heatmap(db, requireMember(request).orgId, request.query.case),
  });

  app.get(`${base}/dashboard`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Levels, top risks, risks by owner, overdue reviews, expired acceptances and stale decisions",
      params: OrgParamsSchema,
      response: { 200: RiskDashboardSchema },
    },
    handler: async (request) => dashboard(db, requireMember(request).orgId),
  });

  serveEndpoint(app, riskEndpoints.quant, (request) => aggregateQuant(db, runner, requireMember(request).orgId, request.query));

  app.post(base, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Identify a risk (asset-based or scenario)",
      params: OrgParamsSchema,
      body: RiskInputSchema,
      response: { 201: RiskDetailSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const risk = await withWrite(db, writeMeta(request), async (ctx) =>
        riskDetail(ctx, orgId, await createRisk(ctx, orgId, request.body)),
      );
      return reply.status(201).send(risk);
    },
  });

  app.get(item, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One risk with its controls, its acceptance needs and its decisions (stale ones say what changed)",
      params: RiskParamsSchema,
      response: { 200: RiskDetailSchema },
    },
    handler: async (request) => riskDetail(db, requireMember(request).orgId, request.params.riskId),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a risk; levels are computed from the method, and changed scores are read with the method in force",
    params: RiskParamsSchema,
    body: RiskUpdateSchema,
    response: RiskDetailSchema,
    references: RISK_REFERENCES,
    instructions: ["rescore"],
    current: (request, params) => riskDetail(db, requireMember(request).orgId, params.riskId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, rescore, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await updateRisk(ctx, orgId, params.riskId, input, version, rescore);
        return riskDetail(ctx, orgId, params.riskId);
      });
    },
  });

  app.delete(item, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Remove a risk that carries no decision (close it otherwise)",
      params: RiskParamsSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteRisk(ctx, orgId, request.params.riskId));
      return { ok: true as const };
    },
  });

  app.get(`${item}/quant`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Monte Carlo of the risk's estimates: expected annual loss, percentiles, loss exceedance curves and treatment value",
      params: RiskParamsSchema,
      querystring: QuantQuerySchema,
      response: { 200: RiskQuantResultSchema },
    },
    handler: async (request) => riskQuant(db, runner, requireMember(request).orgId, request.params.riskId, request.query),
  });

  app.post(`${item}/decisions`, {
    config: { access: access.org(riskDecisionPolicy, "decide") },
    schema: {
      tags,
      summary:
        "The risk owner approves the treatment plan (kind treatment); the authority the method names accepts the residual risk (kind acceptance, with expiry)",
      params: RiskParamsSchema,
      body: DecisionInputSchema,
      response: { 201: RiskDetailSchema },
    },
    handler: async (request, reply) => {
      const { orgId, role, principal } = requireMember(request);
      const detail = await withWrite(db, writeMeta(request), async (ctx) => {
        await decide(ctx, orgId, request.params.riskId, { userId: principal.userId, role }, request.body);
        return riskDetail(ctx, orgId, request.params.riskId);
      });
      return reply.status(201).send(detail);
    },
  });

  app.post(`${item}/decisions/:decisionId/revoke`, {
    config: { access: access.org(riskDecisionPolicy, "decide") },
    schema: {
      tags,
      summary: "Revoke a decision, with a reason (the person who took it, an ISMS manager or top management)",
      params: DecisionParamsSchema,
      body: RevokeDecisionSchema,
      response: { 200: RiskDetailSchema },
    },
    handler: async (request) => {
      const { orgId, role, principal } = requireMember(request);
      const { riskId, decisionId } = request.params;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await revokeDecision(ctx, orgId, riskId, decisionId, { userId: principal.userId, role }, request.body.reason);
        return riskDetail(ctx, orgId, riskId);
      });
    },
  });

  app.get("/orgs/:orgId/risk-coverage", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Every primary asset in scope with the risks that cover it, or its 'no risk identified' decision",
      params: OrgParamsSchema,
      response: { 200: CoverageSchema },
    },
    handler: async (request) => coverage(db, requireMember(request).orgId),
  });

  app.put("/orgs/:orgId/assets/:assetId/risk-exemption", {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Record that no risk was identified for a primary asset, with the justification",
      params: ExemptionParamsSchema,
      body: ExemptionInputSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => setExemption(ctx, orgId, request.params.assetId, request.body.justification));
      return { ok: true as const };
    },
  });

  app.delete("/orgs/:orgId/assets/:assetId/risk-exemption", {
    config: { access: access.org(registerPolicy, "write") },
    schema: { tags, summary: "Withdraw a 'no risk identified' decision", params: ExemptionParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => removeExemption(ctx, orgId, request.params.assetId));
      return { ok: true as const };
    },
  });
};
