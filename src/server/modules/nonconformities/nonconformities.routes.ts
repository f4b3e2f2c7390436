import type { z } from "zod";
import { type CorrectiveActionSchema, nonconformityEndpoints } from "../../../contracts/nonconformities.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  checkNc,
  closeNc,
  createAction,
  createNc,
  findAction,
  findNc,
  listNcs,
  presentNc,
  refuseClosed,
  removeAction,
  reviewEffectiveness,
  updateAction,
  updateNc,
} from "./nonconformities.repo.js";

export const nonconformityRoutes: RouteModule = (app, { db }) => {
  const actionView = async (orgId: string, actionId: string) => {
    const action = await findAction(db, orgId, actionId);
    const nc = await presentNc(db, orgId, await findNc(db, orgId, action.nonconformity_id));
    return nc.actions.find((a) => a.id === actionId) as z.input<typeof CorrectiveActionSchema>;
  };

  serveEndpoint(app, nonconformityEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { status, ...page } = request.query;
    return listNcs(db, orgId, status, page);
  });

  serveEndpoint(app, nonconformityEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    await checkNc(db, orgId, request.body, null);
    const row = await withWrite(db, writeMeta(request), (ctx) => createNc(ctx, orgId, request.body));
    return reply.status(201).send(await presentNc(db, orgId, row));
  });

  serveEndpoint(app, nonconformityEndpoints.get, async (request) => {
    const { orgId } = requireMember(request);
    return presentNc(db, orgId, await findNc(db, orgId, request.params.ncId));
  });

  updateRoutes(app, {
    endpoints: nonconformityEndpoints.update,
    references: { finding: "findingId" },
    current: async (request, params) =>
      presentNc(db, requireMember(request).orgId, await findNc(db, requireMember(request).orgId, params.ncId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      refuseClosed(await findNc(db, orgId, params.ncId));
      await checkNc(db, orgId, input, params.ncId);
      const row = await withWrite(db, writeMeta(request), (ctx) => updateNc(ctx, orgId, params.ncId, input, version));
      return presentNc(db, orgId, row);
    },
  });

  serveEndpoint(app, nonconformityEndpoints.addAction, async (request, reply) => {
    const { orgId } = requireMember(request);
    const nc = await findNc(db, orgId, request.params.ncId);
    const row = await withWrite(db, writeMeta(request), (ctx) => createAction(ctx, orgId, nc, request.body));
    return reply.status(201).send(await actionView(orgId, row.id));
  });

  serveEndpoint(app, nonconformityEndpoints.actions, async (request) => {
    const { orgId } = requireMember(request);
    return { items: (await presentNc(db, orgId, await findNc(db, orgId, request.params.ncId))).actions };
  });

  serveEndpoint(app, nonconformityEndpoints.action, async (request) => actionView(requireMember(request).orgId, request.params.actionId));

  updateRoutes(app, {
    endpoints: nonconformityEndpoints.updateAction,
    references: { owner: "ownerUserId" },
    current: async (request, params) => actionView(requireMember(request).orgId, params.actionId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await withWrite(db, writeMeta(request), (ctx) => updateAction(ctx, orgId, params.actionId, input, version));
      return actionView(orgId, params.actionId);
    },
  });

  serveEndpoint(app, nonconformityEndpoints.removeAction, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => removeAction(ctx, orgId, request.params.actionId));
    return { ok: true as const };
  });

  serveEndpoint(app, nonconformityEndpoints.effectivenessReview, async (request) => {
    const { orgId, principal } = requireMember(request);
    const nc = await findNc(db, orgId, request.params.ncId);
    const row = await withWrite(db, writeMeta(request), (ctx) => reviewEffectiveness(ctx, orgId, nc, principal.userId, request.body));
    return presentNc(db, orgId, row);
  });

  serveEndpoint(app, nonconformityEndpoints.close, async (request) => {
    const { orgId, principal } = requireMember(request);
    const nc = await findNc(db, orgId, request.params.ncId);
    const row = await withWrite(db, writeMeta(request), (ctx) => closeNc(ctx, orgId, nc, principal.userId, request.body.version));
    return presentNc(db, orgId, row);
  });
};
