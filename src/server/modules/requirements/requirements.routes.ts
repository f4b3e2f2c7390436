import { requirementsEndpoints } from "../../../contracts/requirements.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
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

/** The API's sort names are the columns', except createdAt. */
const column = <S extends string>(sort: S) => (sort === "createdAt" ? "created_at" : sort) as Exclude<S, "createdAt"> | "created_at";

const partyRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, requirementsEndpoints.listParties, async (request) => {
    const { q, kind, sort, ...page } = request.query;
    return listParties(db, requireMember(request).orgId, { q, kind }, { ...page, sort: column(sort) });
  });

  serveEndpoint(app, requirementsEndpoints.createParty, async (request, reply) => {
    const { orgId } = requireMember(request);
    const party = await withWrite(db, writeMeta(request), async (ctx) =>
      partyById(ctx, orgId, await createParty(ctx, orgId, request.body)),
    );
    return reply.status(201).send(party);
  });

  serveEndpoint(app, requirementsEndpoints.getParty, async (request) => partyById(db, requireMember(request).orgId, request.params.itemId));

  updateRoutes(app, {
    endpoints: requirementsEndpoints.updateParty,
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

  serveEndpoint(app, requirementsEndpoints.deleteParty, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteParty(ctx, orgId, request.params.itemId));
    return { ok: true as const };
  });
};

/** Adding and removing the assets a requirement or an obligation applies to. */
function assetLinkRoutes(
  source: LinkSource,
  endpoints: { link: typeof requirementsEndpoints.linkRequirementAsset; unlink: typeof requirementsEndpoints.unlinkRequirementAsset },
): RouteModule {
  return (app, { db }) => {
    serveEndpoint(app, endpoints.link, async (request, reply) => {
      const { orgId } = requireMember(request);
      const link = await withWrite(db, writeMeta(request), (ctx) =>
        addAssetLink(ctx, orgId, source, request.params.itemId, request.body.assetId),
      );
      return reply.status(201).send(link);
    });

    serveEndpoint(app, endpoints.unlink, async (request) => {
      const { orgId } = requireMember(request);
      const { itemId, assetId } = request.params;
      await withWrite(db, writeMeta(request), (ctx) => removeAssetLink(ctx, orgId, source, itemId, assetId));
      return { ok: true as const };
    });
  };
}

const requirementRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, requirementsEndpoints.listRequirements, async (request) => {
    const { q, partyId, owner, sort, ...page } = request.query;
    return listRequirements(db, requireMember(request).orgId, { q, partyId, owner }, { ...page, sort: column(sort) });
  });

  serveEndpoint(app, requirementsEndpoints.createRequirement, async (request, reply) => {
    const { orgId } = requireMember(request);
    const requirement = await withWrite(db, writeMeta(request), async (ctx) =>
      requirementDetail(ctx, orgId, await createRequirement(ctx, orgId, request.body)),
    );
    return reply.status(201).send(requirement);
  });

  serveEndpoint(app, requirementsEndpoints.getRequirement, async (request) =>
    requirementDetail(db, requireMember(request).orgId, request.params.itemId),
  );

  updateRoutes(app, {
    endpoints: requirementsEndpoints.updateRequirement,
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

  serveEndpoint(app, requirementsEndpoints.deleteRequirement, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteRequirement(ctx, orgId, request.params.itemId));
    return { ok: true as const };
  });
};

/** Phase 1's obligations as the requirements analysis sees them; phase 1's own routes keep editing their fields. */
const obligationRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, requirementsEndpoints.listObligations, async (request) => {
    const { q, kind, partyId, owner, sort, ...page } = request.query;
    return listObligations(db, requireMember(request).orgId, { q, kind, partyId, owner }, { ...page, sort: column(sort) });
  });

  serveEndpoint(app, requirementsEndpoints.getObligation, async (request) =>
    obligationDetail(db, requireMember(request).orgId, request.params.itemId),
  );

  updateRoutes(app, {
    endpoints: requirementsEndpoints.updateObligation,
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
  serveEndpoint(app, requirementsEndpoints.ofAsset, async (request) =>
    requirementsOfAsset(db, requireMember(request).orgId, request.params.assetId, request.query),
  );
};

/** Security requirements (7.2): interested parties, their requirements, the obligations' implications, links to assets. */
export const requirementsRoutes: RouteModule[] = [
  partyRoutes,
  requirementRoutes,
  obligationRoutes,
  assetLinkRoutes("requirement", {
    link: requirementsEndpoints.linkRequirementAsset,
    unlink: requirementsEndpoints.unlinkRequirementAsset,
  }),
  assetLinkRoutes("obligation", { link: requirementsEndpoints.linkObligationAsset, unlink: requirementsEndpoints.unlinkObligationAsset }),
  assetRequirementRoutes,
];
