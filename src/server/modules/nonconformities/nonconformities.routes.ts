import { z } from "zod";
import { OkSchema, OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  ActionParamsSchema,
  CorrectiveActionInputSchema,
  CorrectiveActionSchema,
  EffectivenessInputSchema,
  NcListQuerySchema,
  NcParamsSchema,
  NonconformityInputSchema,
  NonconformitySchema,
} from "../../../contracts/nonconformities.js";
import { nonconformityPolicy } from "../../../core/access/policies.js";
import { deleteAudited, withWrite } from "../../db/audited.js";
import { paginate } from "../../db/paginate.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  ACTION,
  checkNc,
  closeNc,
  createAction,
  createNc,
  findAction,
  findNc,
  presentNc,
  presentNcs,
  refuseClosed,
  reviewEffectiveness,
  updateAction,
  updateNc,
} from "./nonconformities.repo.js";

const tags = ["nonconformities"];
const read = access.org(nonconformityPolicy, "read");
const write = access.org(nonconformityPolicy, "write");
const review = access.org(nonconformityPolicy, "review");
const Versioned = z.strictObject({ version: z.number().int().min(1) });

export const nonconformityRoutes: RouteModule = (app, { db }) => {
  const actionView = async (orgId: string, actionId: string) => {
    const action = await findAction(db, orgId, actionId);
    const nc = await presentNc(db, orgId, await findNc(db, orgId, action.nonconformity_id));
    return nc.actions.find((a) => a.id === actionId) as z.input<typeof CorrectiveActionSchema>;
  };

  app.get("/orgs/:orgId/nonconformities", {
    config: { access: read },
    schema: {
      tags,
      summary: "List nonconformities",
      params: OrgParamsSchema,
      querystring: NcListQuerySchema,
      response: { 200: pageOf(NonconformitySchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { status, ...page } = request.query;
      let query = db.kysely.selectFrom("nonconformities").selectAll().where("org_id", "=", orgId);
      if (status) query = query.where("status", "=", status);
      const result = await paginate(query, "number", { ...page, sort: "number" }, (row) => row);
      return { items: await presentNcs(db, orgId, result.items), nextCursor: result.nextCursor };
    },
  });

  app.post("/orgs/:orgId/nonconformities", {
    config: { access: write },
    schema: {
      tags,
      summary: "Raise a nonconformity (from a finding, an incident, a review …)",
      params: OrgParamsSchema,
      body: NonconformityInputSchema,
      response: { 201: NonconformitySchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      await checkNc(db, orgId, request.body, null);
      const row = await withWrite(db, writeMeta(request), (ctx) => createNc(ctx, orgId, request.body));
      return reply.status(201).send(await presentNc(db, orgId, row));
    },
  });

  app.get("/orgs/:orgId/nonconformities/:ncId", {
    config: { access: read },
    schema: {
      tags,
      summary: "One nonconformity with its corrective actions and the steps still missing",
      params: NcParamsSchema,
      response: { 200: NonconformitySchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      return presentNc(db, orgId, await findNc(db, orgId, request.params.ncId));
    },
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/nonconformities/:ncId",
    access: write,
    tags,
    summary: "a nonconformity (correction, root cause, …)",
    params: NcParamsSchema,
    body: NonconformityInputSchema.extend({ version: z.number().int().min(1) }),
    response: NonconformitySchema,
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

  app.post("/orgs/:orgId/nonconformities/:ncId/actions", {
    config: { access: write },
    schema: {
      tags,
      summary: "Decide a corrective action (owner and due date)",
      params: NcParamsSchema,
      body: CorrectiveActionInputSchema,
      response: { 201: CorrectiveActionSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const nc = await findNc(db, orgId, request.params.ncId);
      const row = await withWrite(db, writeMeta(request), (ctx) => createAction(ctx, orgId, nc, request.body));
      return reply.status(201).send(await actionView(orgId, row.id));
    },
  });

  app.get("/orgs/:orgId/nonconformities/:ncId/actions", {
    config: { access: read },
    schema: {
      tags,
      summary: "The nonconformity's corrective actions",
      params: NcParamsSchema,
      response: { 200: z.object({ items: z.array(CorrectiveActionSchema) }) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      return { items: (await presentNc(db, orgId, await findNc(db, orgId, request.params.ncId))).actions };
    },
  });

  app.get("/orgs/:orgId/corrective-actions/:actionId", {
    config: { access: read },
    schema: { tags, summary: "One corrective action", params: ActionParamsSchema, response: { 200: CorrectiveActionSchema } },
    handler: async (request) => actionView(requireMember(request).orgId, request.params.actionId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/corrective-actions/:actionId",
    access: write,
    tags,
    summary: "a corrective action",
    params: ActionParamsSchema,
    body: CorrectiveActionInputSchema.extend({ version: z.number().int().min(1) }),
    response: CorrectiveActionSchema,
    references: { owner: "ownerUserId" },
    current: async (request, params) => actionView(requireMember(request).orgId, params.actionId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await withWrite(db, writeMeta(request), (ctx) => updateAction(ctx, orgId, params.actionId, input, version));
      return actionView(orgId, params.actionId);
    },
  });

  app.delete("/orgs/:orgId/corrective-actions/:actionId", {
    config: { access: write },
    schema: {
      tags,
      summary: "Remove a corrective action of an open nonconformity",
      params: ActionParamsSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const action = await findAction(db, orgId, request.params.actionId);
      refuseClosed(await findNc(db, orgId, action.nonconformity_id));
      await withWrite(db, writeMeta(request), (ctx) =>
        deleteAudited(ctx, "corrective_actions", action.id, { orgId, entityType: ACTION, scope: { org_id: orgId } }),
      );
      return { ok: true as const };
    },
  });

  app.post("/orgs/:orgId/nonconformities/:ncId/effectiveness-review", {
    config: { access: review },
    schema: {
      tags,
      summary: "Record whether the corrective actions worked (an action's owner needs a co-reviewer)",
      params: NcParamsSchema,
      body: EffectivenessInputSchema,
      response: { 200: NonconformitySchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const nc = await findNc(db, orgId, request.params.ncId);
      const row = await withWrite(db, writeMeta(request), (ctx) => reviewEffectiveness(ctx, orgId, nc, principal.userId, request.body));
      return presentNc(db, orgId, row);
    },
  });

  app.post("/orgs/:orgId/nonconformities/:ncId/close", {
    config: { access: write },
    schema: {
      tags,
      summary: "Close the nonconformity: refused with 409 naming each missing step (correction, root cause, actions, effectiveness review)",
      params: NcParamsSchema,
      body: Versioned,
      response: { 200: NonconformitySchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const nc = await findNc(db, orgId, request.params.ncId);
      const row = await withWrite(db, writeMeta(request), (ctx) => closeNc(ctx, orgId, nc, principal.userId, request.body.version));
      return presentNc(db, orgId, row);
    },
  });
};
