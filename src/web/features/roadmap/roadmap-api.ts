import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ProcessSettingsInputSchema, ProposeSodSchema } from "../../../contracts/approvals";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { CatalogUploadSchema, NotApplicableInputSchema, processEndpoints, type Roadmap } from "../../../contracts/process";
import type { ProcessCatalog } from "../../../core/process/catalog";
import { api, call, parseWith } from "../../app/api-client";

import { ROADMAP_KEY } from "../../app/org-write";

export { ROADMAP_KEY };

export type RoadmapActivity = Roadmap["activities"][number];
export type ActivityStatus = RoadmapActivity["status"];
export type GateState = NonNullable<RoadmapActivity["gate"]>["state"];
export type CatalogInfo = EndpointOutput<typeof processEndpoints.resetCatalog>;
export type ProcessSettings = EndpointOutput<typeof processEndpoints.settings>;

/** The roadmap is derived from every register at once, so it is refetched whenever a page showing it opens. */
export function useRoadmap(orgId: string) {
  return useQuery({ queryKey: [ROADMAP_KEY, orgId], queryFn: () => call(processEndpoints.roadmap, { params: { orgId } }) });
}

/** The catalog the organization runs; the server validated it, so its shape is the catalog schema's. */
export function useCatalog(orgId: string) {
  return useQuery({
    queryKey: ["catalog", orgId],
    queryFn: async () => {
      const { info, catalog } = await call(processEndpoints.catalog, { params: { orgId } });
      return { info, catalog: catalog as ProcessCatalog };
    },
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
  const params = { orgId, activityId };
  return {
    mark: useMutation({
      mutationFn: (values: Record<string, unknown>) =>
        call(processEndpoints.markNotApplicable, { params, body: parseWith(NotApplicableInputSchema, values) }),
      onSuccess: refresh,
    }),
    clear: useMutation({ mutationFn: () => call(processEndpoints.clearNotApplicable, { params }), onSuccess: refresh }),
  };
}

export function useProcessSettings(orgId: string) {
  return useQuery({ queryKey: ["process-settings", orgId], queryFn: () => call(processEndpoints.settings, { params: { orgId } }) });
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
      call(processEndpoints.uploadCatalog, { params: { orgId }, body: parseWith(CatalogUploadSchema, values) }),
    onSuccess: refresh,
  });
}

export function useResetCatalog(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({ mutationFn: () => call(processEndpoints.resetCatalog, { params: { orgId } }), onSuccess: refresh });
}

export function useProposeSod(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      call(processEndpoints.proposeSod, { params: { orgId }, body: parseWith(ProposeSodSchema, values) }),
    onSettled: () => client.invalidateQueries({ queryKey: ["process-settings", orgId] }),
  });
}

export function useDecideSod(orgId: string) {
  const refresh = useRefreshProcess(orgId);
  return useMutation({
    mutationFn: ({ id, decision, version }: { id: string; decision: "approve" | "reject"; version: number }) =>
      call(processEndpoints[decision === "approve" ? "approveSod" : "rejectSod"], {
        params: { orgId, proposalId: id },
        body: { comment: null, version },
      }),
    onSettled: refresh,
  });
}
