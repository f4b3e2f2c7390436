import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

/**
 * One record read by its endpoint (`read` calls it), cached under the registers' key with the
 * record's path so that their changes refresh it.
 */
export function useOrgRecord<T>(orgId: string, path: string, read: () => Promise<T>, enabled = true) {
  return useQuery({ queryKey: ["register", orgId, path], queryFn: read, enabled });
}

/** A step on a record (issue a report, close, approve …): calls its endpoint, then refreshes every register and the roadmap. */
export function useOrgAction<T = unknown>(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: () => Promise<T>) => step(),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["register", orgId] }),
        queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      ]),
  });
}
