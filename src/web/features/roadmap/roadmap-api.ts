import { useQuery } from "@tanstack/react-query";
import { ProcessSettingsInputSchema, ProposeSodSchema } from "../../../contracts/approvals";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { CatalogUploadSchema, NotApplicableInputSchema, processEndpoints, type Roadmap } from "../../../contracts/process";
import type { ProcessCatalog } from "../../../core/process/catalog";
import { call, parseWith } from "../../app/api-client";
import { ROADMAP_KEY, useOrgWrite } from "../../app/org-write";

export { ROADMAP_KEY };

const SETTINGS_KEY = "process-settings";

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

/** The catalog and the N/A decisions shape the RACI and the settings (the roadmap and gates are refreshed by every write). */
const refreshProcess = (orgId: string) => ({
  refresh: [
    ["catalog", orgId],
    ["raci", orgId],
    [SETTINGS_KEY, orgId],
  ],
});

export function useNotApplicable(orgId: string, activityId: string) {
  const params = { orgId, activityId };
  const refresh = { ...refreshProcess(orgId), on: "success" as const };
  return {
    mark: useOrgWrite(
      orgId,
      (values: Record<string, unknown>) =>
        call(processEndpoints.markNotApplicable, { params, body: parseWith(NotApplicableInputSchema, values) }),
      refresh,
    ),
    clear: useOrgWrite(orgId, () => call(processEndpoints.clearNotApplicable, { params }), refresh),
  };
}

export function useProcessSettings(orgId: string) {
  return useQuery({ queryKey: [SETTINGS_KEY, orgId], queryFn: () => call(processEndpoints.settings, { params: { orgId } }) });
}

export function useSaveProcessSettings(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(processEndpoints.updateSettings.replace, { params: { orgId }, body: parseWith(ProcessSettingsInputSchema, values) }),
    refreshProcess(orgId),
  );
}

export function useUploadCatalog(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(processEndpoints.uploadCatalog, { params: { orgId }, body: parseWith(CatalogUploadSchema, values) }),
    { ...refreshProcess(orgId), on: "success" },
  );
}

export function useResetCatalog(orgId: string) {
  return useOrgWrite(orgId, () => call(processEndpoints.resetCatalog, { params: { orgId } }), { ...refreshProcess(orgId), on: "success" });
}

export function useProposeSod(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(processEndpoints.proposeSod, { params: { orgId }, body: parseWith(ProposeSodSchema, values) }),
    { refresh: [[SETTINGS_KEY, orgId]] },
  );
}

export function useDecideSod(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ id, decision, version }: { id: string; decision: "approve" | "reject"; version: number }) =>
      call(processEndpoints[decision === "approve" ? "approveSod" : "rejectSod"], {
        params: { orgId, proposalId: id },
        body: { comment: null, version },
      }),
    refreshProcess(orgId),
  );
}
