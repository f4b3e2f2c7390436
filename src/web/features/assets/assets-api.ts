import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Asset, AssetDetail, AssetGraphSchema, ValuationScaleDocument } from "../../../contracts/assets";
import { AssetInputSchema, AssetUpdateSchema } from "../../../contracts/assets";
import type { ScopeElementItem } from "../../../contracts/scope";
import { api, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export const ASSETS_KEY = "assets";
export const PAGE_SIZE = 25;

export interface AssetFilters {
  q: string;
  kind: string;
  owner: string;
  inScope: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function useAssets(orgId: string, filters: AssetFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "list", filters, cursor],
    queryFn: () => api.get<Page<Asset>>(`/orgs/${orgId}/assets`, { query: { ...filters, cursor, limit: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** Whether the organization has any asset at all, whatever the filters: one item without filters is enough to tell. */
export function useAnyAsset(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "any"],
    queryFn: async () => (await api.get<Page<Asset>>(`/orgs/${orgId}/assets`, { query: { limit: 1 } })).items.length > 0,
    enabled,
  });
}

export function useAsset(orgId: string, assetId: string) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "detail", assetId],
    queryFn: () => api.get<AssetDetail>(`/orgs/${orgId}/assets/${assetId}`),
  });
}

/** The primary assets a supporting asset can be linked to; a link names one by its id. */
export function usePrimaryAssets(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "primary"],
    queryFn: async () => {
      const kinds = ["business_process", "information"];
      const pages = await Promise.all(kinds.map((kind) => api.get<Page<Asset>>(`/orgs/${orgId}/assets`, { query: { kind, limit: 200 } })));
      return pages.flatMap((p) => p.items).sort((a, b) => a.name.localeCompare(b.name));
    },
    enabled,
  });
}

export function useAssetGraph(orgId: string, assetId?: string) {
  return useQuery({
    queryKey: [ASSETS_KEY, orgId, "graph", assetId ?? null],
    queryFn: () => api.get<z.infer<typeof AssetGraphSchema>>(`/orgs/${orgId}/assets/graph`, { query: { assetId } }),
  });
}

export function useValuationScale(orgId: string) {
  return useQuery({
    queryKey: ["valuation-scale", orgId],
    queryFn: () => api.get<ValuationScaleDocument>(`/orgs/${orgId}/valuation-scale`),
  });
}

/** Where an asset can be: the scope's elements, the first page of which covers a small organization. */
export function useScopeElements(orgId: string) {
  return useQuery({
    queryKey: ["scope-elements", orgId, "options"],
    queryFn: () => api.get<Page<ScopeElementItem>>(`/orgs/${orgId}/scope/elements`, { query: { limit: 200 } }),
  });
}

/** Any change to an asset or its links can change other assets' derived values, the graph and the roadmap. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [ASSETS_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
    ]);
}

export function useAssetMutations(orgId: string) {
  const refresh = useRefresh(orgId);
  return {
    create: useMutation({
      mutationFn: (values: Record<string, unknown>) => api.post<AssetDetail>(`/orgs/${orgId}/assets`, parseWith(AssetInputSchema, values)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ asset, values }: { asset: Asset; values: Record<string, unknown> }) =>
        api.patch<AssetDetail>(`/orgs/${orgId}/assets/${asset.id}`, patchWith(AssetUpdateSchema, { ...values, version: asset.version })),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (asset: Asset) => api.delete(`/orgs/${orgId}/assets/${asset.id}`),
      onSettled: refresh,
    }),
    link: useMutation({
      mutationFn: ({ assetId, primaryAssetId }: { assetId: string; primaryAssetId: string }) =>
        api.post(`/orgs/${orgId}/assets/${assetId}/supports`, { primaryAssetId }),
      onSettled: refresh,
    }),
    unlink: useMutation({
      mutationFn: ({ assetId, primaryAssetId }: { assetId: string; primaryAssetId: string }) =>
        api.delete(`/orgs/${orgId}/assets/${assetId}/supports/${primaryAssetId}`),
      onSettled: refresh,
    }),
  };
}
