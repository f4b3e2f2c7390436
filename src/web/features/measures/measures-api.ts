import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type BuiltinSchema, type DashboardSchema, measureEndpoints, type SeriesSchema } from "../../../contracts/measures";
import { call } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type Dashboard = z.infer<typeof DashboardSchema>;
export type Series = z.infer<typeof SeriesSchema>;
export type Builtin = z.infer<typeof BuiltinSchema>;

/** Below the measures register's key, so a change of a measure refreshes them too. */
export const dashboardKey = (orgId: string) => ["register", orgId, "measures", "dashboard"] as const;
export const seriesKey = (orgId: string, id: string) => ["register", orgId, "measures", id, "series"] as const;

export function useDashboard(orgId: string) {
  return useQuery({ queryKey: dashboardKey(orgId), queryFn: () => call(measureEndpoints.dashboard, { params: { orgId } }) });
}

export function useSeries(orgId: string, id: string) {
  return useQuery({ queryKey: seriesKey(orgId, id), queryFn: () => call(measureEndpoints.series, { params: { orgId, measureId: id } }) });
}

export function useBuiltins(orgId: string) {
  return useQuery({
    queryKey: ["measures", orgId, "builtins"],
    queryFn: async () => (await call(measureEndpoints.builtins, { params: { orgId } })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A write that changes measures (a call to one of their endpoints): refreshes every register view and the roadmap. */
export function useMeasureWrite(orgId: string) {
  return useOrgWrite(orgId, (write: () => Promise<unknown>) => write(), { refresh: [["register", orgId]] });
}
