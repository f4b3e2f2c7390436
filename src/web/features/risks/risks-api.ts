import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { assetEndpoints } from "../../../contracts/assets";
import type { EndpointInput, EndpointOutput } from "../../../contracts/endpoint";
import {
  type CatalogEntrySchema,
  type Risk,
  type RiskDetail,
  RiskInputSchema,
  RiskUpdateSchema,
  riskEndpoints,
  threatEndpoints,
  vulnerabilityEndpoints,
} from "../../../contracts/risks";
import { soaEndpoints } from "../../../contracts/soa";
import { call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export const RISKS_KEY = "risks";
export const PAGE_SIZE = 25;

export type Heatmap = EndpointOutput<typeof riskEndpoints.heatmap>;
export type RiskDashboard = EndpointOutput<typeof riskEndpoints.dashboard>;
export type Coverage = EndpointOutput<typeof riskEndpoints.coverage>;
export type RiskQuantResult = EndpointOutput<typeof riskEndpoints.riskQuant>;
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
export type ScoreCase = "inherent" | "current" | "residual";

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
      call(riskEndpoints.list, {
        params: { orgId },
        // A filter left empty ("any") is not sent; the form's values are the contract's enums.
        query: Object.fromEntries(
          Object.entries({ ...rest, ...(cell ?? {}), overdue: overdue ? "true" : undefined, cursor, limit: PAGE_SIZE }).filter(
            ([, value]) => value !== "" && value !== undefined,
          ),
        ) as EndpointInput<typeof riskEndpoints.list>["query"],
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRisk(orgId: string, riskId: string, enabled = true) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "detail", riskId],
    queryFn: () => call(riskEndpoints.get, { params: { orgId, riskId } }),
    enabled,
  });
}

export function useHeatmap(orgId: string, scoreCase: ScoreCase) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "heatmap", scoreCase],
    queryFn: () => call(riskEndpoints.heatmap, { params: { orgId }, query: { case: scoreCase } }),
  });
}

export function useRiskDashboard(orgId: string) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "dashboard"],
    queryFn: () => call(riskEndpoints.dashboard, { params: { orgId } }),
  });
}

export function useRiskQuant(orgId: string, riskId: string, enabled: boolean, version: number) {
  return useQuery({
    // The version makes a saved change of estimates run the simulation again.
    queryKey: [RISKS_KEY, orgId, "quant", riskId, version],
    queryFn: () => call(riskEndpoints.riskQuant, { params: { orgId, riskId } }),
    enabled,
  });
}

export function useCoverage(orgId: string) {
  return useQuery({
    queryKey: [RISKS_KEY, orgId, "coverage"],
    queryFn: () => call(riskEndpoints.coverage, { params: { orgId } }),
  });
}

/** What a risk form picks from: assets, threats, vulnerabilities and controls; one page of each covers an organization. */
export function useRiskOptions(orgId: string) {
  const assets = useQuery({
    queryKey: ["assets", orgId, "risk-options"],
    queryFn: () => call(assetEndpoints.list, { params: { orgId }, query: { limit: 200 } }),
    select: (page) => [...page.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
  const threats = useQuery({
    queryKey: ["threats", orgId, "options"],
    queryFn: () => call(threatEndpoints.list, { params: { orgId }, query: { limit: 200 } }),
    select: (page) => page.items,
  });
  const vulnerabilities = useQuery({
    queryKey: ["vulnerabilities", orgId, "options"],
    queryFn: () => call(vulnerabilityEndpoints.list, { params: { orgId }, query: { limit: 200 } }),
    select: (page) => page.items,
  });
  const controls = useQuery({
    queryKey: ["controls", orgId],
    queryFn: () => call(soaEndpoints.controls, { params: { orgId } }),
    select: (page) => page.items,
  });
  return { assets, threats, vulnerabilities, controls };
}

/**
 * A risk change moves the dashboard, the heat maps, the SoA and the treatment plan (and, as every
 * write, the roadmap and the gates); loading the starter catalog changes the threats and vulnerabilities.
 */
const riskRefreshKeys = (orgId: string): QueryKey[] => [
  [RISKS_KEY, orgId],
  ["threats", orgId],
  ["vulnerabilities", orgId],
  ["soa", orgId],
  ["treatment-plan", orgId],
];

export function useRiskMutations(orgId: string) {
  const refresh = { refresh: riskRefreshKeys(orgId) };
  return {
    create: useOrgWrite(
      orgId,
      (input: Record<string, unknown>) => call(riskEndpoints.create, { params: { orgId }, body: parseWith(RiskInputSchema, input) }),
      { ...refresh, on: "success" },
    ),
    update: useOrgWrite(
      orgId,
      ({ risk, input, rescore }: { risk: RiskDetail; input: Record<string, unknown>; rescore?: boolean }) =>
        call(riskEndpoints.update.patch, {
          params: { orgId, riskId: risk.id },
          body: {
            ...patchWith(RiskUpdateSchema, { ...input, rescore: rescore ?? false, version: risk.version }),
            version: risk.version,
          },
        }),
      refresh,
    ),
    remove: useOrgWrite(orgId, (risk: Risk) => call(riskEndpoints.remove, { params: { orgId, riskId: risk.id } }), refresh),
    decide: useOrgWrite(
      orgId,
      ({ riskId, ...body }: { riskId: string; kind: "treatment" | "acceptance"; justification: string; expiresOn: string | null }) =>
        call(riskEndpoints.decide, { params: { orgId, riskId }, body }),
      refresh,
    ),
    revoke: useOrgWrite(
      orgId,
      ({ riskId, decisionId, reason }: { riskId: string; decisionId: string; reason: string }) =>
        call(riskEndpoints.revokeDecision, { params: { orgId, riskId, decisionId }, body: { reason } }),
      refresh,
    ),
    exempt: useOrgWrite(
      orgId,
      ({ assetId, justification }: { assetId: string; justification: string }) =>
        call(riskEndpoints.setExemption, { params: { orgId, assetId }, body: { justification } }),
      refresh,
    ),
    unexempt: useOrgWrite(orgId, (assetId: string) => call(riskEndpoints.removeExemption, { params: { orgId, assetId } }), refresh),
    loadStarterCatalog: useOrgWrite(orgId, () => call(riskEndpoints.loadStarterCatalog, { params: { orgId } }), refresh),
  };
}
