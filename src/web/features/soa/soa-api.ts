import { useQuery } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { SoaBulkInputSchema, SoaEntryInputSchema, type SoaRow, SoaVersionInputSchema, soaEndpoints } from "../../../contracts/soa";
import { call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

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

/** A write to the SoA (which also feeds the roadmap, draft and approved SoA, and the G3 gate's artifact). */
const soaWrite = (orgId: string) => ({ refresh: [[SOA_KEY, orgId]] });

export interface SoaEntryValues {
  decision: "include" | "exclude" | null;
  justification: string | null;
  implementation: SoaRow["implementation"];
  owner: string | null;
  requirementIds: string[];
}

export function useSaveSoaEntry(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ row, values }: { row: SoaRow; values: SoaEntryValues }) =>
      call(soaEndpoints.entry.patch, {
        params: { orgId, controlId: row.control.id },
        body: { ...patchWith(SoaEntryInputSchema, { ...values, version: row.version }), version: row.version },
      }),
    soaWrite(orgId),
  );
}

/** One decision for several controls; the server applies all or none. */
export function useDecideSeveral(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { controlIds: string[]; decision: "include" | "exclude"; justification: string }) =>
      call(soaEndpoints.bulk, { params: { orgId }, body: parseWith(SoaBulkInputSchema, input) }),
    soaWrite(orgId),
  );
}

export function useIssueSoaVersion(orgId: string) {
  return useOrgWrite(
    orgId,
    (note: string | null) => call(soaEndpoints.issue, { params: { orgId }, body: parseWith(SoaVersionInputSchema, { note }) }),
    soaWrite(orgId),
  );
}

export function useTreatmentPlan(orgId: string) {
  return useQuery({
    queryKey: [SOA_KEY, orgId, "treatment-plan"],
    queryFn: async () => (await call(soaEndpoints.treatmentPlan, { params: { orgId } })).rows,
  });
}
