import { useQuery } from "@tanstack/react-query";
import { useOrgWrite } from "../../app/org-write";

/**
 * One record read by its endpoint (`read` calls it), cached under the registers' key with the
 * record's path so that their changes refresh it.
 */
export function useOrgRecord<T>(orgId: string, path: string, read: () => Promise<T>, enabled = true) {
  return useQuery({ queryKey: ["register", orgId, path], queryFn: read, enabled });
}

/** A step on a record (issue a report, close, approve …): calls its endpoint, then refreshes every register and the roadmap. */
export function useOrgAction<T = unknown>(orgId: string) {
  return useOrgWrite(orgId, (step: () => Promise<T>) => step(), { refresh: [["register", orgId]] });
}
