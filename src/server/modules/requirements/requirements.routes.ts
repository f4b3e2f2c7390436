import { AssetParamsSchema } from "../../../contracts/assets.js";
import { OkSchema, OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  AssetLinkInputSchema,
  AssetLinkSchema,
  InterestedPartyInputSchema,
  InterestedPartySchema,
  InterestedPartyUpdateSchema,
  ItemAssetParamsSchema,
  ItemParamsSchema,
  LinkedRequirementQuerySchema,
  LinkedRequirementSchema,
  ObligationListQuerySchema,
  ObligationNeedsInputSchema,
  ObligationRequirementDetailSchema,
  ObligationRequirementSchema,
  PartyListQuerySchema,
  RequirementDetailSchema,
  RequirementInputSchema,
  RequirementListQuerySchema,
  RequirementSchema,
  RequirementUpdateSchema,
} from "../../../contracts/requirements.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  addAssetLink,
  createParty,
  createRequirement,
  deleteParty,
  deleteRequirement,
  type LinkSource,
  listObligations,
  listParties,
  listRequirements,
  obligationDetail,
  partyById,
  removeAssetLink,
  requirementDetail,
  requirementsOfAsset,
  setObligationNeeds,
  updateParty,
  updateRequirement,
} from "./requirements.repo.js";

const tags = ["security requirements"];
const read = { access: access.org(registerPolicy, "read") };
const write = { access: access.org(registerPolicy, "write") };
/** The API's sort names are the columns', except createdAt. */
const column = <S extends string>(sort: S) => (sort === "createdAt" ? "created_at" : sort) as Exclude<S, "createdAt"> | "created_at";

const partyRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/interested-parties";
  const item = `${base}/:itemId`;

  app.get(base, {
    config: read,
    schema: {
      tags,
      summary: "List interested parties",
      params: OrgParamsSchema,
      querystring: PartyListQuerySchema,
      response: { 200: pageOf(InterestedPartySchema) },
    },
    handler: async (request) => {
      const { q, kind, sort, ...page } = request.query;
      return listParties(db, requireMember(request).orgId, { q, kind }, { ...page, sort: column(sort) });
    },
  });

  app.post(base, {
    config: write,
    schema: {
      tags,
      summary: "Add an interested party",
      params: OrgParamsSchema,
      body: InterestedPartyInputSchema,
      response: { 201: InterestedPartySchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const party = await withWrite(db, writeMeta(request), async (ctx) =>
        partyById(ctx, orgId, await createParty(ctx, orgId, request.body)),
      );
      return reply.status(201).send(party);
    },
  });

  app.get(item, {
    config: read,
    schema: { tags, summary: "One interested party", params: ItemParamsSchema, response: { 200: InterestedPartySchema } },
    handler: async (request) => partyById(db, requireMember(request).orgId, request.params.itemId),
  });

  updateRoutes(app, {
    url: item,
    ...write,
    tags,
    summary: "an interested party",
    params: ItemParamsSchema,
    body: InterestedPartyUpdateSchema,
    response: InterestedPartySchema,
    current: (request, params) => partyById(db, requireMember(request).orgId, params.itemId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await updateParty(ctx, orgId, params.itemId, input, version);
        return partyById(ctx, orgId, params.itemId);
      });
    },
  });

  app.delete(item, {
    config: write,
    schema: {
      tags,
      summary: "Remove an interested party that no requirement or obligation names",
      params: ItemParamsSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteParty(ctx, orgId, request.params.itemId));
      return { ok: true as const };
    },
  });
};

/** Adding and removing the assets a requirement or an obligation applies to. */
function assetLinkRoutes(source: LinkSource, base: string): RouteModule {
  return (app, { db }) => {
    app.post(`${base}/:itemId/assets`, {
      config: write,
      schema: {
        tags,
        summary: `Record that the ${source} applies to an asset (a process, information, a system, …)`,
        params: ItemParamsSchema,
        body: AssetLinkInputSchema,
        response: { 201: AssetLinkSchema },
      },
      handler: async (request, reply) => {
        const { orgId } = requireMember(request);
        const link = await withWrite(db, writeMeta(request), (ctx) =>
          addAssetLink(ctx, orgId, source, request.params.itemId, request.body.assetId),
        );
        return reply.status(201).send(link);
      },
    });

    app.delete(`${base}/:itemId/assets/:assetId`, {
      config: write,
      schema: { tags, summary: `Remove an asset from the ${source}`, params: ItemAssetParamsSchema, response: { 200: OkSchema } },
      handler: async (request) => {
        const { orgId } = requireMember(request);
        const { itemId, assetId } = request.params;
        await withWrite(db, writeMeta(request), (ctx) => removeAssetLink(ctx, orgId, source, itemId, assetId));
        return { ok: true as const };
      },
    });
  };
}

const requirementRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/requirements";
  const item = `${base}/:itemId`;

  app.get(base, {
    config: read,
    schema: {
      tags,
      summary: "List the interested parties' requirements",
      params: OrgParamsSchema,
      querystring: RequirementListQuerySchema,
      response: { 200: pageOf(RequirementSchema) },
    },
    handler: async (request) => {
      const { q, partyId, owner, sort, ...page } = request.query;
      return listRequirements(db, requireMember(request).orgId, { q, partyId, owner }, { ...page, sort: column(sort) });
    },
  });

  app.post(base, {
    config: write,
    schema: {
      tags,
      summary: "Add a requirement of an interested party",
      params: OrgParamsSchema,
      body: RequirementInputSchema,
      response: { 201: RequirementDetailSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const requirement = await withWrite(db, writeMeta(request), async (ctx) =>
        requirementDetail(ctx, orgId, await createRequirement(ctx, orgId, request.body)),
      );
      return reply.status(201).send(requirement);
    },
  });

  app.get(item, {
    config: read,
    schema: {
      tags,
      summary: "One requirement, with the assets it applies to",
      params: ItemParamsSchema,
      response: { 200: RequirementDetailSchema },
    },
    handler: async (request) => requirementDetail(db, requireMember(request).orgId, request.params.itemId),
  });

  updateRoutes(app, {
    url: item,
    ...write,
    tags,
    summary: "a requirement",
    params: ItemParamsSchema,
    body: RequirementUpdateSchema,
    response: RequirementDetailSchema,
    current: (request, params) => requirementDetail(db, requireMember(request).orgId, params.itemId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await updateRequirement(ctx, orgId, params.itemId, input, version);
        return requirementDetail(ctx, orgId, params.itemId);
      });
    },
  });

  app.delete(item, {
    config: write,
    schema: { tags, summary: "Remove a requirement and its asset links", params: ItemParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteRequirement(ctx, orgId, request.params.itemId));
      return { ok: true as const };
    },
  });
};

/** Phase 1's obligations as the requirements analysis sees them; phase 1's own routes keep editing their fields. */
const obligationRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/requirements/obligations";
  const item = `${base}/:itemId`;

  app.get(base, {
    config: read,
    schema: {
      tags,
      summary: "List the legal, regulatory, contractual and internal obligations with what they imply for security",
      params: OrgParamsSchema,
      querystring: ObligationListQuerySchema,
      response: { 200: pageOf(ObligationRequirementSchema) },
    },
    handler: async (request) => {
      const { q, kind, partyId, owner, sort, ...page } = request.query;
      return listObligations(db, requireMember(request).orgId, { q, kind, partyId, owner }, { ...page, sort: column(sort) });
    },
  });

  app.get(item, {
    config: read,
    schema: {
      tags,
      summary: "One obligation, with the assets it applies to",
      params: ItemParamsSchema,
      response: { 200: ObligationRequirementDetailSchema },
    },
    handler: async (request) => obligationDetail(db, requireMember(request).orgId, request.params.itemId),
  });

  updateRoutes(app, {
    url: item,
    ...write,
    tags,
    summary: "what an obligation implies: confidentiality, integrity and availability needs, the party behind it, its external reference",
    params: ItemParamsSchema,
    body: ObligationNeedsInputSchema,
    response: ObligationRequirementDetailSchema,
    current: (request, params) => obligationDetail(db, requireMember(request).orgId, params.itemId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await setObligationNeeds(ctx, orgId, params.itemId, input, version);
        return obligationDetail(ctx, orgId, params.itemId);
      });
    },
  });
};

const assetRequirementRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/assets/:assetId/requirements", {
    config: read,
    schema: {
      tags,
      summary: "The requirements and obligations that apply to an asset",
      params: AssetParamsSchema,
      querystring: LinkedRequirementQuerySchema,
      response: { 200: pageOf(LinkedRequirementSchema) },
    },
    handler: async (request) => requirementsOfAsset(db, requireMember(request).orgId, request.params.assetId, request.query),
  });
};

/** Security requirements (7.2): interested parties, their requirements, the obligations' implications, links to assets. */
export const requirementsRoutes: RouteModule[] = [
  partyRoutes,
  requirementRoutes,
  obligationRoutes,
  assetLinkRoutes("requirement", "/orgs/:orgId/requirements"),
  assetLinkRoutes("obligation", "/orgs/:orgId/requirements/obligations"),
  assetRequirementRoutes,
];
