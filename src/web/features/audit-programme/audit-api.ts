import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

/** One record read by path below the organization, in the registers' cache so their changes refresh it. */
export function useOrgRecord<T>(orgId: string, path: string, enabled = true) {
  return useQuery({ queryKey: ["register", orgId, path], queryFn: () => api.get<T>(`/orgs/${orgId}/${path}`), enabled });
}

/** A step on a record (issue a report, close, approve …): POSTs, then refreshes every register and the roadmap. */
export function useOrgAction<T = unknown>(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<T>(`/orgs/${orgId}/${path}`, body ?? {}),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["register", orgId] }),
        queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      ]),
  });
}
