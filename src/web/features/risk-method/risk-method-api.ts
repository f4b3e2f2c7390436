import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { type RiskMethodSchema, type RiskMethodVersion, riskMethodEndpoints } from "../../../contracts/risk-method";
import { call } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export const RISK_METHOD_KEY = "risk-method";

export type RiskMethodOverview = EndpointOutput<typeof riskMethodEndpoints.overview>;
export type RiskMethodDefinition = z.infer<typeof RiskMethodSchema>;

export function useRiskMethod(orgId: string) {
  return useQuery({
    queryKey: [RISK_METHOD_KEY, orgId],
    queryFn: () => call(riskMethodEndpoints.overview, { params: { orgId } }),
  });
}

export function useMethodVersion(orgId: string, methodId: string | null) {
  return useQuery({
    queryKey: [RISK_METHOD_KEY, orgId, "version", methodId],
    queryFn: () => call(riskMethodEndpoints.get, { params: { orgId, methodId: methodId as string } }),
    enabled: methodId !== null,
  });
}

export function useMethodMutations(orgId: string) {
  /** A method change moves the roadmap (8.2) and the meaning of every score, so risks are read again too. */
  const refresh = {
    refresh: [
      [RISK_METHOD_KEY, orgId],
      ["risks", orgId],
    ],
  };
  return {
    start: useOrgWrite(
      orgId,
      (note: string | null) => call(riskMethodEndpoints.createDraft, { params: { orgId }, body: { note } }),
      refresh,
    ),
    save: useOrgWrite(
      orgId,
      ({ draft, definition, note }: { draft: RiskMethodVersion; definition: RiskMethodDefinition; note: string | null }) =>
        call(riskMethodEndpoints.draft.replace, {
          params: { orgId, methodId: draft.id },
          body: { definition, note, version: draft.version },
        }),
      refresh,
    ),
    approve: useOrgWrite(
      orgId,
      ({ draft, comment }: { draft: RiskMethodVersion; comment: string | null }) =>
        call(riskMethodEndpoints.approve, { params: { orgId, methodId: draft.id }, body: { comment } }),
      refresh,
    ),
  };
}

export const AUTHORITY_LABELS: Record<string, string> = {
  risk_owner: "Risk owner",
  isms_manager: "ISMS manager",
  top_management: "Top management",
};
