import {
  AssetDetailSchema,
  AssetGraphQuerySchema,
  AssetGraphSchema,
  AssetInputSchema,
  AssetListQuerySchema,
  AssetParamsSchema,
  AssetSchema,
  AssetUpdateSchema,
  SupportInputSchema,
  SupportParamsSchema,
  SupportSchema,
  ValuationScaleInputSchema,
  ValuationScaleSchema,
} from "../../../contracts/assets.js";
import { OkSchema, OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import { processPolicy, registerPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
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

const tags = ["asset inventory"];

/** The asset inventory (7.3): assets, their supports links and dependency graph, and the valuation scale. */
export const assetRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/assets";
  const item = `${base}/:assetId`;

  app.get("/orgs/:orgId/valuation-scale", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "The security objectives and levels assets are valued on (confidentiality, integrity, availability 1–4 by default)",
      params: OrgParamsSchema,
      response: { 200: ValuationScaleSchema },
    },
    handler: async (request) => readScaleDocument(db, requireMember(request).orgId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/valuation-scale",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "the valuation scale (send the version you read; 0 while the defaults apply); refused while recorded values would not fit",
    params: OrgParamsSchema,
    body: ValuationScaleInputSchema,
    response: ValuationScaleSchema,
    current: (request) => readScaleDocument(db, requireMember(request).orgId),
    write: (request, _params, body) =>
      withWrite(db, writeMeta(request), (ctx) => writeScale(ctx, requireMember(request).orgId, body.objectives, body.version)),
  });

  app.get(base, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "List assets, filtered and sorted, a page at a time",
      params: OrgParamsSchema,
      querystring: AssetListQuerySchema,
      response: { 200: pageOf(AssetSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { q, kind, category, owner, classification, inScope, sort, ...page } = request.query;
      return listAssets(
        db,
        orgId,
        { q, kind, category, owner, classification, inScope: inScope === undefined ? undefined : inScope === "true" },
        { ...page, sort: sort === "name" ? "name" : "created_at" },
      );
    },
  });

  app.get(`${base}/graph`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "The dependency graph: supports links from supporting to primary assets, a page of links at a time, with the assets they join",
      params: OrgParamsSchema,
      querystring: AssetGraphQuerySchema,
      response: { 200: AssetGraphSchema },
    },
    handler: async (request) => assetGraph(db, requireMember(request).orgId, request.query),
  });

  app.post(base, {
    config: { access: access.org(registerPolicy, "write") },
    schema: { tags, summary: "Add an asset", params: OrgParamsSchema, body: AssetInputSchema, response: { 201: AssetDetailSchema } },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const asset = await withWrite(db, writeMeta(request), async (ctx) =>
        assetDetail(ctx, orgId, await createAsset(ctx, orgId, request.body)),
      );
      return reply.status(201).send(asset);
    },
  });

  app.get(item, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One asset, with its valuation per objective explained (own, derived from what it supports, or overridden) and its links",
      params: AssetParamsSchema,
      response: { 200: AssetDetailSchema },
    },
    handler: async (request) => assetDetail(db, requireMember(request).orgId, request.params.assetId),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "an asset",
    params: AssetParamsSchema,
    body: AssetUpdateSchema,
    response: AssetDetailSchema,
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

  app.delete(item, {
    config: { access: access.org(registerPolicy, "write") },
    schema: { tags, summary: "Remove an asset and its links", params: AssetParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteAsset(ctx, orgId, request.params.assetId));
      return { ok: true as const };
    },
  });

  app.post(`${item}/supports`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Record that this supporting asset supports a primary asset",
      params: AssetParamsSchema,
      body: SupportInputSchema,
      response: { 201: SupportSchema },
    },
    handler: async (request, reply) => {
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
    },
  });

  app.delete(`${item}/supports/:primaryAssetId`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: { tags, summary: "Remove a supports link", params: SupportParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { assetId, primaryAssetId } = request.params;
      await withWrite(db, writeMeta(request), (ctx) => removeSupport(ctx, orgId, assetId, primaryAssetId));
      return { ok: true as const };
    },
  });
};
