import { riskEndpoints } from "../../../contracts/risks.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { QuantRunner } from "./quant-runner.js";
import { decide, revokeDecision, riskDetail } from "./risk-decisions.js";
import { aggregateQuant, coverage, dashboard, heatmap, removeExemption, riskQuant, setExemption } from "./risk-views.js";
import { createRisk, deleteRisk, listRisks, updateRisk } from "./risks.repo.js";

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

  serveEndpoint(app, riskEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { cursor, limit, dir, sort, overdue, ...filter } = request.query;
    return listRisks(db, orgId, { ...filter, overdue: overdue === "true" }, { cursor, limit, dir, sort });
  });

  serveEndpoint(app, riskEndpoints.heatmap, (request) => heatmap(db, requireMember(request).orgId, request.query.case));

  serveEndpoint(app, riskEndpoints.dashboard, (request) => dashboard(db, requireMember(request).orgId));

  serveEndpoint(app, riskEndpoints.quant, (request) => aggregateQuant(db, runner, requireMember(request).orgId, request.query));

  serveEndpoint(app, riskEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    const risk = await withWrite(db, writeMeta(request), async (ctx) => riskDetail(ctx, orgId, await createRisk(ctx, orgId, request.body)));
    return reply.status(201).send(risk);
  });

  serveEndpoint(app, riskEndpoints.get, (request) => riskDetail(db, requireMember(request).orgId, request.params.riskId));

  updateRoutes(app, {
    endpoints: riskEndpoints.update,
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

  serveEndpoint(app, riskEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteRisk(ctx, orgId, request.params.riskId));
    return { ok: true as const };
  });

  serveEndpoint(app, riskEndpoints.riskQuant, (request) =>
    riskQuant(db, runner, requireMember(request).orgId, request.params.riskId, request.query),
  );

  serveEndpoint(app, riskEndpoints.decide, async (request, reply) => {
    const { orgId, role, principal } = requireMember(request);
    const detail = await withWrite(db, writeMeta(request), async (ctx) => {
      await decide(ctx, orgId, request.params.riskId, { userId: principal.userId, role }, request.body);
      return riskDetail(ctx, orgId, request.params.riskId);
    });
    return reply.status(201).send(detail);
  });

  serveEndpoint(app, riskEndpoints.revokeDecision, (request) => {
    const { orgId, role, principal } = requireMember(request);
    const { riskId, decisionId } = request.params;
    return withWrite(db, writeMeta(request), async (ctx) => {
      await revokeDecision(ctx, orgId, riskId, decisionId, { userId: principal.userId, role }, request.body.reason);
      return riskDetail(ctx, orgId, riskId);
    });
  });

  serveEndpoint(app, riskEndpoints.coverage, (request) => coverage(db, requireMember(request).orgId));

  serveEndpoint(app, riskEndpoints.setExemption, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => setExemption(ctx, orgId, request.params.assetId, request.body.justification));
    return { ok: true as const };
  });

  serveEndpoint(app, riskEndpoints.removeExemption, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => removeExemption(ctx, orgId, request.params.assetId));
    return { ok: true as const };
  });
};
