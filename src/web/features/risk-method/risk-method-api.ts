import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { RiskMethodOverviewSchema, RiskMethodSchema, RiskMethodVersion } from "../../../contracts/risk-method";
import { api } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export const RISK_METHOD_KEY = "risk-method";

export type RiskMethodOverview = z.infer<typeof RiskMethodOverviewSchema>;
export type RiskMethodDefinition = z.infer<typeof RiskMethodSchema>;

export function useRiskMethod(orgId: string) {
  return useQuery({
    queryKey: [RISK_METHOD_KEY, orgId],
    queryFn: () => api.get<RiskMethodOverview>(`/orgs/${orgId}/risk-method`),
  });
}

export function useMethodVersion(orgId: string, methodId: string | null) {
  return useQuery({
    queryKey: [RISK_METHOD_KEY, orgId, "version", methodId],
    queryFn: () => api.get<RiskMethodVersion>(`/orgs/${orgId}/risk-method/versions/${methodId}`),
    enabled: methodId !== null,
  });
}

/** A method change moves the roadmap (8.2) and the meaning of every score, so risks are read again too. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [RISK_METHOD_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["risks", orgId] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
    ]);
}

export function useMethodMutations(orgId: string) {
  const refresh = useRefresh(orgId);
  return {
    start: useMutation({
      mutationFn: (note: string | null) => api.post<RiskMethodVersion>(`/orgs/${orgId}/risk-method/versions`, { note }),
      onSettled: refresh,
    }),
    save: useMutation({
      mutationFn: ({ draft, definition, note }: { draft: RiskMethodVersion; definition: RiskMethodDefinition; note: string | null }) =>
        api.put<RiskMethodVersion>(`/orgs/${orgId}/risk-method/versions/${draft.id}`, { definition, note, version: draft.version }),
      onSettled: refresh,
    }),
    approve: useMutation({
      mutationFn: ({ draft, comment }: { draft: RiskMethodVersion; comment: string | null }) =>
        api.post<RiskMethodVersion>(`/orgs/${orgId}/risk-method/versions/${draft.id}/approve`, { comment }),
      onSettled: refresh,
    }),
  };
}

export const AUTHORITY_LABELS: Record<string, string> = {
  risk_owner: "Risk owner",
  isms_manager: "ISMS manager",
  top_management: "Top management",
};
