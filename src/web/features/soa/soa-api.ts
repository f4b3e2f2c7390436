import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { SoaBulkInputSchema, SoaEntryInputSchema, type SoaRow, SoaVersionInputSchema, soaEndpoints } from "../../../contracts/soa";
import { call, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type Soa = EndpointOutput<typeof soaEndpoints.read>;
export type SoaVersion = EndpointOutput<typeof soaEndpoints.issue>;
export type SoaVersionDetail = EndpointOutput<typeof soaEndpoints.version>;
export type TreatmentPlan = EndpointOutput<typeof soaEndpoints.treatmentPlan>;
export type TreatmentPlanRow = TreatmentPlan["rows"][number];

export const SOA_KEY = "soa";

/** Every control with its applicability: about a hundred rows, read whole so filters are instant and the counts agree with the table. */
export function useSoa(orgId: string) {
  return useQuery({ queryKey: [SOA_KEY, orgId, "current"], queryFn: () => call(soaEndpoints.read, { params: { orgId } }) });
}

export function useSoaVersions(orgId: string) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "versions"],
    queryFn: async () => (await call(soaEndpoints.versions, { params: { orgId } })).items,
  });
}

/** An issued version never changes, so once read it is kept. */
export function useSoaVersion(orgId: string, number: number | null) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "version", number],
    queryFn: () => call(soaEndpoints.version, { params: { orgId, number: number as number } }),
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
      call(soaEndpoints.entry.patch, {
        params: { orgId, controlId: row.control.id },
        body: { ...patchWith(SoaEntryInputSchema, { ...values, version: row.version }), version: row.version },
      }),
    onSettled: refresh,
  });
}

/** One decision for several controls; the server applies all or none. */
export function useDecideSeveral(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (input: { controlIds: string[]; decision: "include" | "exclude"; justification: string }) =>
      call(soaEndpoints.bulk, { params: { orgId }, body: parseWith(SoaBulkInputSchema, input) }),
    onSettled: refresh,
  });
}

export function useIssueSoaVersion(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (note: string | null) => call(soaEndpoints.issue, { params: { orgId }, body: parseWith(SoaVersionInputSchema, { note }) }),
    onSettled: refresh,
  });
}

export function useTreatmentPlan(orgId: string) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "treatment-plan"],
    queryFn: async () => (await call(soaEndpoints.treatmentPlan, { params: { orgId } })).rows,
  });
}
