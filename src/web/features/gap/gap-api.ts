import { useQuery } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { GapAssessInputSchema, type GapItemView, gapEndpoints } from "../../../contracts/gap";
import { allPages } from "../../app/all-pages";
import { call, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type GapSummary = EndpointOutput<typeof gapEndpoints.summary>;

export const GAP_KEY = "gap";

/**
 * Every clause item and Annex A control: about 120 lines, fetched whole so filtering is instant
 * and the table and the dashboard always agree.
 */
export function useGapItems(orgId: string) {
  return useQuery({
    queryKey: [GAP_KEY, orgId, "items"],
    queryFn: (): Promise<GapItemView[]> => allPages((query) => call(gapEndpoints.list, { params: { orgId }, query })),
  });
}

export function useGapSummary(orgId: string) {
  return useQuery({ queryKey: [GAP_KEY, orgId, "summary"], queryFn: () => call(gapEndpoints.summary, { params: { orgId } }) });
}

export function useAssess(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ item, values }: { item: GapItemView; values: Record<string, unknown> }) =>
      call(gapEndpoints.assess.patch, {
        params: { orgId, itemId: item.itemId },
        body: { ...patchWith(GapAssessInputSchema, { ...values, version: item.version }), version: item.version },
      }),
    { refresh: [[GAP_KEY, orgId]] },
  );
}
