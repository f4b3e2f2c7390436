import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ProcessSettingsSchema } from "../../../contracts/approvals";
import { ProcessSettingsInputSchema, ProposeSodSchema } from "../../../contracts/approvals";
import { type CatalogInfoSchema, CatalogUploadSchema, NotApplicableInputSchema, type Roadmap } from "../../../contracts/process";
import type { ProcessCatalog } from "../../../core/process/catalog";
import { api, parseWith } from "../../app/api-client";

export const ROADMAP_KEY = "roadmap";

export type RoadmapActivity = Roadmap["activities"][number];
export type ActivityStatus = RoadmapActivity["status"];
export type GateState = NonNullable<RoadmapActivity["gate"]>["state"];
export type CatalogInfo = z.infer<typeof CatalogInfoSchema>;
export type ProcessSettings = z.infer<typeof ProcessSettingsSchema>;

/** The roadmap is derived from every register at once, so it is refetched whenever a page showing it opens. */
export function useRoadmap(orgId: string) {
  return useQuery({ queryKey: [ROADMAP_KEY, orgId], queryFn: () => api.get<Roadmap>(`/orgs/${orgId}/roadmap`) });
}

/** The catalog the organization runs; the server validated it, so its shape is the catalog schema's. */
export function useCatalog(orgId: string) {
  return useQuery({
    queryKey: ["catalog", orgId],
    queryFn: () => api.get<{ info: CatalogInfo; catalog: ProcessCatalog }>(`/orgs/${orgId}/process/catalog`),
  });
}

/** The catalog and the N/A decisions shape the roadmap, the RACI and the gates. */
function useRefreshProcess(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [ROADMAP_KEY, "catalog", "raci", "gates", "process-settings"].map((key) => queryClient.invalidateQueries({ queryKey: [key, orgId] })),
    );
}

export function useNotApplicable(orgId: string, activityId: string) {
  const refresh = useRefreshProcess(orgId);
  const path = `/orgs/${orgId}/activities/${encodeURIComponent(activityId)}/not-applicable`;
  return {
    mark: useMutation({
      mutationFn: (values: Record<string, unknown>) => api.put(path, parseWith(NotApplicableInputSchema, values)),
      onSuccess: refresh,
    }),
    clear: useMutation({ mutationFn: () => api.delete(path), onSuccess: refresh }),
  };
}

export function useProcessSettings(orgId: string) {
  return useQuery({ queryKey: ["process-settings", orgId], queryFn: () => api.get<ProcessSettings>(`/orgs/${orgId}/process/settings`) });
}

export function useSaveProcessSettings(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.put<ProcessSettings>(`/orgs/${orgId}/process/settings`, parseWith(ProcessSettingsInputSchema, values)),
    onSettled: refresh,
  });
}

export function useUploadCatalog(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.put<CatalogInfo>(`/orgs/${orgId}/process/catalog`, parseWith(CatalogUploadSchema, values)),
    onSuccess: refresh,
  });
}

export function useResetCatalog(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({ mutationFn: () => api.delete<CatalogInfo>(`/orgs/${orgId}/process/catalog`), onSuccess: refresh });
}

export function useProposeSod(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post(`/orgs/${orgId}/process/settings/separation-of-duties/proposals`, parseWith(ProposeSodSchema, values)),
    onSettled: () => client.invalidateQueries({ queryKey: ["process-settings", orgId] }),
  });
}

export function useDecideSod(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({
    mutationFn: ({ id, decision, version }: { id: string; decision: "approve" | "reject"; version: number }) =>
      api.post(`/orgs/${orgId}/process/settings/separation-of-duties/proposals/${id}/${decision}`, { comment: null, version }),
    onSettled: refresh,
  });
}
