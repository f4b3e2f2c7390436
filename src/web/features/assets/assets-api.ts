import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { Asset, AssetListQuerySchema } from "../../../contracts/assets";
import { AssetInputSchema, AssetUpdateSchema, assetEndpoints } from "../../../contracts/assets";
import { scopeEndpoints } from "../../../contracts/scope";
import { call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export const ASSETS_KEY = "assets";
export const PAGE_SIZE = 25;

export interface AssetFilters {
  q: string;
  kind: string;
  owner: string;
  inScope: string;
}

type AssetQuery = z.input<typeof AssetListQuerySchema>;

/** The filters as the list's query: a filter left empty is left out; the choices come from the contract's own values. */
function filterQuery(filters: AssetFilters): Partial<AssetQuery> {
  return {
    q: filters.q || undefined,
    kind: (filters.kind || undefined) as AssetQuery["kind"],
    owner: filters.owner || undefined,
    inScope: (filters.inScope || undefined) as AssetQuery["inScope"],
  };
}

export function useAssets(orgId: string, filters: AssetFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "list", filters, cursor],
    queryFn: () => call(assetEndpoints.list, { params: { orgId }, query: { ...filterQuery(filters), cursor, limit: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** Whether the organization has any asset at all, whatever the filters: one item without filters is enough to tell. */
export function useAnyAsset(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "any"],
    queryFn: async () => (await call(assetEndpoints.list, { params: { orgId }, query: { limit: 1 } })).items.length > 0,
    enabled,
  });
}

export function useAsset(orgId: string, assetId: string) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "detail", assetId],
    queryFn: () => call(assetEndpoints.get, { params: { orgId, assetId } }),
  });
}

/** The primary assets a supporting asset can be linked to; a link names one by its id. */
export function usePrimaryAssets(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "primary"],
    queryFn: async () => {
      const kinds = ["business_process", "information"] as const;
      const pages = await Promise.all(kinds.map((kind) => call(assetEndpoints.list, { params: { orgId }, query: { kind, limit: 200 } })));
      return pages.flatMap((p) => p.items).sort((a, b) => a.name.localeCompare(b.name));
    },
    enabled,
  });
}

export function useAssetGraph(orgId: string, assetId?: string) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "graph", assetId ?? null],
    queryFn: () => call(assetEndpoints.graph, { params: { orgId }, query: { assetId } }),
  });
}

export function useValuationScale(orgId: string) {
  return useQuery({
    queryKey: ["valuation-scale", orgId],
    queryFn: () => call(assetEndpoints.valuationScale, { params: { orgId } }),
  });
}

/** Where an asset can be: the scope's elements, the first page of which covers a small organization. */
export function useScopeElements(orgId: string) {
  return useQuery({
    queryKey: ["scope-elements", orgId, "options"],
    queryFn: () => call(scopeEndpoints.listElements, { params: { orgId }, query: { limit: 200 } }),
  });
}

/** Any change to an asset or its links can change other assets' derived values and the graph. */
export function useAssetMutations(orgId: string) {
  const refresh = { refresh: [[ASSETS_KEY, orgId]] };
  return {
    create: useOrgWrite(
      orgId,
      (values: Record<string, unknown>) => call(assetEndpoints.create, { params: { orgId }, body: parseWith(AssetInputSchema, values) }),
      { ...refresh, on: "success" },
    ),
    update: useOrgWrite(
      orgId,
      ({ asset, values }: { asset: Asset; values: Record<string, unknown> }) =>
        call(assetEndpoints.update.patch, {
          params: { orgId, assetId: asset.id },
          body: { ...patchWith(AssetUpdateSchema, { ...values, version: asset.version }), version: asset.version },
        }),
      refresh,
    ),
    remove: useOrgWrite(orgId, (asset: Asset) => call(assetEndpoints.remove, { params: { orgId, assetId: asset.id } }), refresh),
    link: useOrgWrite(
      orgId,
      ({ assetId, primaryAssetId }: { assetId: string; primaryAssetId: string }) =>
        call(assetEndpoints.addSupport, { params: { orgId, assetId }, body: { primaryAssetId } }),
      refresh,
    ),
    unlink: useOrgWrite(
      orgId,
      ({ assetId, primaryAssetId }: { assetId: string; primaryAssetId: string }) =>
        call(assetEndpoints.removeSupport, { params: { orgId, assetId, primaryAssetId } }),
      refresh,
    ),
  };
}
