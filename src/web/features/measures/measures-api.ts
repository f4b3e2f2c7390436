import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { BuiltinSchema, DashboardSchema, SeriesSchema } from "../../../contracts/measures";
import { api } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type Dashboard = z.infer<typeof DashboardSchema>;
export type Series = z.infer<typeof SeriesSchema>;
export type Builtin = z.infer<typeof BuiltinSchema>;

/** Below the measures register's key, so a change of a measure refreshes them too. */
export const dashboardKey = (orgId: string) => ["register", orgId, "measures", "dashboard"] as const;
export const seriesKey = (orgId: string, id: string) => ["register", orgId, "measures", id, "series"] as const;

export function useDashboard(orgId: string) {
  return useQuery({ queryKey: dashboardKey(orgId), queryFn: () => api.get<Dashboard>(`/orgs/${orgId}/measurement/dashboard`) });
}

export function useSeries(orgId: string, id: string) {
  return useQuery({ queryKey: seriesKey(orgId, id), queryFn: () => api.get<Series>(`/orgs/${orgId}/measures/${id}/series`) });
}

export function useBuiltins(orgId: string) {
  return useQuery({
    queryKey: ["measures", orgId, "builtins"],
    queryFn: async () => (await api.get<{ items: Builtin[] }>(`/orgs/${orgId}/measures/builtins`)).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A write below the organization that changes measures: refreshes every register view and the roadmap. */
export function useMeasureWrite<T = unknown>(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: "post" | "delete"; path: string; body?: unknown }) =>
      method === "post" ? api.post<T>(`/orgs/${orgId}/${path}`, body ?? {}) : api.delete<T>(`/orgs/${orgId}/${path}`),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["register", orgId] }),
        queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      ]),
  });
}
