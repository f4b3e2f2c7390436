import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Asset } from "../../../contracts/assets";
import type {
  CatalogEntrySchema,
  CoverageSchema,
  HeatmapSchema,
  Risk,
  RiskDashboardSchema,
  RiskDetail,
  RiskQuantResultSchema,
} from "../../../contracts/risks";
import type { Control } from "../../../contracts/soa";
import { api } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export const RISKS_KEY = "risks";
export const PAGE_SIZE = 25;

export type Heatmap = z.infer<typeof HeatmapSchema>;
export type RiskDashboard = z.infer<typeof RiskDashboardSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type RiskQuantResult = z.infer<typeof RiskQuantResultSchema>;
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
export type ScoreCase = "inherent" | "current" | "residual";

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RiskFilters {
  q: string;
  kind: string;
  owner: string;
  treatment: string;
  status: string;
  overdue: boolean;
  sort: string;
  /** One heat-map cell: which case, and its likelihood and impact. */
  cell: { levelOf: ScoreCase; likelihood: number; impact: number } | null;
}

export function useRisks(orgId: string, filters: RiskFilters, cursor: string | undefined) {
  const { cell, overdue, ...rest } = filters;
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "list", filters, cursor],
    queryFn: () =>
      api.get<Page<Risk>>(`/orgs/${orgId}/risks`, {
        query: { ...rest, ...(cell ?? {}), overdue: overdue ? "true" : undefined, cursor, limit: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRisk(orgId: string, riskId: string, enabled = true) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "detail", riskId],
    queryFn: () => api.get<RiskDetail>(`/orgs/${orgId}/risks/${riskId}`),
    enabled,
  });
}

export function useHeatmap(orgId: string, scoreCase: ScoreCase) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "heatmap", scoreCase],
    queryFn: () => api.get<Heatmap>(`/orgs/${orgId}/risks/heatmap`, { query: { case: scoreCase } }),
  });
}

export function useRiskDashboard(orgId: string) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "dashboard"],
    queryFn: () => api.get<RiskDashboard>(`/orgs/${orgId}/risks/dashboard`),
  });
}

export function useRiskQuant(orgId: string, riskId: string, enabled: boolean, version: number) {
  return useQuery({
    // The version makes a saved change of estimates run the simulation again.
    queryKey: [RISKS_KEY, orgId, "quant", riskId, version],
    queryFn: () => api.get<RiskQuantResult>(`/orgs/${orgId}/risks/${riskId}/quant`),
    enabled,
  });
}

export function useCoverage(orgId: string) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "coverage"],
    queryFn: () => api.get<Coverage>(`/orgs/${orgId}/risk-coverage`),
  });
}

/** What a risk form picks from: assets, threats, vulnerabilities and controls; one page of each covers an organization. */
export function useRiskOptions(orgId: string) {
  const assets = useQuery({
    queryKey: ["assets", orgId, "risk-options"],
    queryFn: () => api.get<Page<Asset>>(`/orgs/${orgId}/assets`, { query: { limit: 200 } }),
    select: (page) => [...page.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
  const threats = useQuery({
    queryKey: ["threats", orgId, "options"],
    queryFn: () => api.get<Page<CatalogEntry>>(`/orgs/${orgId}/threats`, { query: { limit: 200 } }),
    select: (page) => page.items,
  });
  const vulnerabilities = useQuery({
    queryKey: ["vulnerabilities", orgId, "options"],
    queryFn: () => api.get<Page<CatalogEntry>>(`/orgs/${orgId}/vulnerabilities`, { query: { limit: 200 } }),
    select: (page) => page.items,
  });
  const controls = useQuery({
    queryKey: ["controls", orgId],
    queryFn: () => api.get<{ items: Control[] }>(`/orgs/${orgId}/controls`),
    select: (page) => page.items,
  });
  return { assets, threats, vulnerabilities, controls };
}

/** A risk change moves the dashboard, the heat maps, the SoA, the treatment plan and the roadmap. */
export function useRefreshRisks(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [RISKS_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["threats", orgId] }),
      queryClient.invalidateQueries({ queryKey: ["vulnerabilities", orgId] }),
      queryClient.invalidateQueries({ queryKey: ["soa", orgId] }),
      queryClient.invalidateQueries({ queryKey: ["treatment-plan", orgId] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
    ]);
}

export function useRiskMutations(orgId: string) {
  const refresh = useRefreshRisks(orgId);
  return {
    create: useMutation({
      mutationFn: (input: Record<string, unknown>) => api.post<RiskDetail>(`/orgs/${orgId}/risks`, input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ risk, input, rescore }: { risk: RiskDetail; input: Record<string, unknown>; rescore?: boolean }) =>
        api.patch<RiskDetail>(`/orgs/${orgId}/risks/${risk.id}`, { ...input, rescore: rescore ?? false, version: risk.version }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (risk: Risk) => api.delete(`/orgs/${orgId}/risks/${risk.id}`),
      onSettled: refresh,
    }),
    decide: useMutation({
      mutationFn: ({
        riskId,
        ...body
      }: {
        riskId: string;
        kind: "treatment" | "acceptance";
        justification: string;
        expiresOn: string | null;
      }) => api.post<RiskDetail>(`/orgs/${orgId}/risks/${riskId}/decisions`, body),
      onSettled: refresh,
    }),
    revoke: useMutation({
      mutationFn: ({ riskId, decisionId, reason }: { riskId: string; decisionId: string; reason: string }) =>
        api.post<RiskDetail>(`/orgs/${orgId}/risks/${riskId}/decisions/${decisionId}/revoke`, { reason }),
      onSettled: refresh,
    }),
    exempt: useMutation({
      mutationFn: ({ assetId, justification }: { assetId: string; justification: string }) =>
        api.put(`/orgs/${orgId}/assets/${assetId}/risk-exemption`, { justification }),
      onSettled: refresh,
    }),
    unexempt: useMutation({
      mutationFn: (assetId: string) => api.delete(`/orgs/${orgId}/assets/${assetId}/risk-exemption`),
      onSettled: refresh,
    }),
  };
}
