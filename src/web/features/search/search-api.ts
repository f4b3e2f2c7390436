import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type SearchKind, searchEndpoints } from "../../../contracts/search";
import { call } from "../../app/api-client";

export const MIN_QUERY = 2;

export const KIND_LABELS: Record<SearchKind, string> = {
  risk: "Risk",
  asset: "Asset",
  requirement: "Requirement",
  interested_party: "Interested party",
  obligation: "Obligation",
  objective: "Objective",
  control: "Control",
  scope_element: "Scope element",
  document: "Document",
  threat: "Threat",
  vulnerability: "Vulnerability",
};

export function useSearch(orgId: string | null, q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ["search", orgId, query],
    queryFn: () => call(searchEndpoints.search, { params: { orgId: orgId as string }, query: { q: query } }),
    enabled: orgId !== null && query.length >= MIN_QUERY,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
