import { assetEndpoints } from "../../../contracts/assets.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  addSupport,
  assetDetail,
  assetGraph,
  createAsset,
  deleteAsset,
  listAssets,
  readScaleDocument,
  removeSupport,
  updateAsset,
  writeScale,
} from "./assets.repo.js";

/** The asset inventory (7.3): assets, their supports links and dependency graph, and the valuation scale. */
export const assetRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, assetEndpoints.valuationScale, async (request) => readScaleDocument(db, requireMember(request).orgId));

  updateRoutes(app, {
    endpoints: assetEndpoints.updateValuationScale,
    current: (request) => readScaleDocument(db, requireMember(request).orgId),
    write: (request, _params, body) =>
      withWrite(db, writeMeta(request), (ctx) => writeScale(ctx, requireMember(request).orgId, body.objectives, body.version)),
  });

  serveEndpoint(app, assetEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { q, kind, category, owner, classification, inScope, sort, ...page } = request.query;
    return listAssets(
      db,
      orgId,
      { q, kind, category, owner, classification, inScope: inScope === undefined ? undefined : inScope === "true" },
      { ...page, sort: sort === "name" ? "name" : "created_at" },
    );
  });

  serveEndpoint(app, assetEndpoints.graph, async (request) => assetGraph(db, requireMember(request).orgId, request.query));

  serveEndpoint(app, assetEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    const asset = await withWrite(db, writeMeta(request), async (ctx) =>
      assetDetail(ctx, orgId, await createAsset(ctx, orgId, request.body)),
    );
    return reply.status(201).send(asset);
  });

  serveEndpoint(app, assetEndpoints.get, async (request) => assetDetail(db, requireMember(request).orgId, request.params.assetId));

  updateRoutes(app, {
    endpoints: assetEndpoints.update,
    current: (request, params) => assetDetail(db, requireMember(request).orgId, params.assetId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        await updateAsset(ctx, orgId, params.assetId, input, version);
        return assetDetail(ctx, orgId, params.assetId);
      });
    },
  });

  serveEndpoint(app, assetEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteAsset(ctx, orgId, request.params.assetId));
    return { ok: true as const };
  });

  serveEndpoint(app, assetEndpoints.addSupport, async (request, reply) => {
    const { orgId } = requireMember(request);
    const link = await withWrite(db, writeMeta(request), (ctx) =>
      addSupport(ctx, orgId, request.params.assetId, request.body.primaryAssetId),
    );
    return reply.status(201).send({
      id: link.id,
      supportingAssetId: link.supporting_asset_id,
      primaryAssetId: link.primary_asset_id,
      createdAt: link.created_at,
    });
  });

  serveEndpoint(app, assetEndpoints.removeSupport, async (request) => {
    const { orgId } = requireMember(request);
    const { assetId, primaryAssetId } = request.params;
    await withWrite(db, writeMeta(request), (ctx) => removeSupport(ctx, orgId, assetId, primaryAssetId));
    return { ok: true as const };
  });
};
