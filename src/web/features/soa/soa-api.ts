import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  SoaBulkInputSchema,
  type SoaBulkResultSchema,
  SoaEntryInputSchema,
  type SoaRow,
  type SoaSchema,
  type SoaVersionDetailSchema,
  SoaVersionInputSchema,
  type SoaVersionSchema,
  type TreatmentPlanSchema,
} from "../../../contracts/soa";
import { api, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type Soa = z.infer<typeof SoaSchema>;
export type SoaVersion = z.infer<typeof SoaVersionSchema>;
export type SoaVersionDetail = z.infer<typeof SoaVersionDetailSchema>;
export type TreatmentPlan = z.infer<typeof TreatmentPlanSchema>;
export type TreatmentPlanRow = TreatmentPlan["rows"][number];

export const SOA_KEY = "soa";

/** Every control with its applicability: about a hundred rows, read whole so filters are instant and the counts agree with the table. */
export function useSoa(orgId: string) {
  return useQuery({ queryKey: [SOA_KEY, orgId, "current"], queryFn: () => api.get<Soa>(`/orgs/${orgId}/soa`) });
}

export function useSoaVersions(orgId: string) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "versions"],
    queryFn: async () => (await api.get<{ items: SoaVersion[] }>(`/orgs/${orgId}/soa/versions`)).items,
  });
}

/** An issued version never changes, so once read it is kept. */
export function useSoaVersion(orgId: string, number: number | null) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "version", number],
    queryFn: () => api.get<SoaVersionDetail>(`/orgs/${orgId}/soa/versions/${number}`),
    enabled: number !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The SoA feeds the roadmap (draft and approved SoA) and the G3 gate's artifact. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [SOA_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
    ]);
}

export interface SoaEntryValues {
  decision: "include" | "exclude" | null;
  justification: string | null;
  implementation: SoaRow["implementation"];
  owner: string | null;
  requirementIds: string[];
}

export function useSaveSoaEntry(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ row, values }: { row: SoaRow; values: SoaEntryValues }) =>
      api.patch<{ ok: true }>(
        `/orgs/${orgId}/soa/controls/${encodeURIComponent(row.control.id)}`,
        patchWith(SoaEntryInputSchema, { ...values, version: row.version }),
      ),
    onSettled: refresh,
  });
}

/** One decision for several controls; the server applies all or none. */
export function useDecideSeveral(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (input: { controlIds: string[]; decision: "include" | "exclude"; justification: string }) =>
      api.post<z.infer<typeof SoaBulkResultSchema>>(`/orgs/${orgId}/soa/bulk`, parseWith(SoaBulkInputSchema, input)),
    onSettled: refresh,
  });
}

export function useIssueSoaVersion(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (note: string | null) => api.post<SoaVersion>(`/orgs/${orgId}/soa/versions`, parseWith(SoaVersionInputSchema, { note })),
    onSettled: refresh,
  });
}

export function useTreatmentPlan(orgId: string) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "treatment-plan"],
    queryFn: async () => (await api.get<TreatmentPlan>(`/orgs/${orgId}/treatment-plan`)).rows,
  });
}
