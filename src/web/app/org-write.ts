import { type QueryKey, type UseMutationResult, useMutation, useQueryClient } from "@tanstack/react-query";

/** The roadmap's query key: its status is derived from every register, so any write refreshes it. */
export const ROADMAP_KEY = "roadmap";
/** The approvals' gate states: a write to what a gate approved can make it stale. */
export const GATES_KEY = "gates";

export interface OrgWriteOptions<TResult, TVars> {
  /** The queries the write changes, besides the roadmap and the gates (refreshed after every write). */
  refresh?: readonly QueryKey[] | ((result: TResult | undefined, vars: TVars) => readonly QueryKey[]);
  /**
   * "success" refreshes only after a write that went through (a create: nothing changed otherwise);
   * "settled", the default, also after a refused one (an update refused as stale shows what is stored now).
   */
  on?: "success" | "settled";
  /** Runs after the refresh of a write that went through (closing a dialog, a notification). */
  onSuccess?: (result: TResult, vars: TVars) => void;
}

/**
 * Every write to an organization's data goes through here: one place that refreshes what the write
 * changed and what is derived from every register (the roadmap and the gate states), so a page
 * never shows a roadmap or an approval that predates its own save.
 */
export function useOrgWrite<TResult, TVars = void>(
  orgId: string,
  write: (vars: TVars) => Promise<TResult>,
  options: OrgWriteOptions<TResult, TVars> = {},
): UseMutationResult<TResult, Error, TVars> {
  const queryClient = useQueryClient();
  const refresh = (result: TResult | undefined, vars: TVars) => {
    const keys = typeof options.refresh === "function" ? options.refresh(result, vars) : (options.refresh ?? []);
    return Promise.all([...keys, [ROADMAP_KEY, orgId], [GATES_KEY, orgId]].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
  const on = options.on ?? "settled";
  return useMutation({
    mutationFn: write,
    onSuccess: async (result, vars) => {
      await refresh(result, vars);
      options.onSuccess?.(result, vars);
    },
    onError: on === "settled" ? (_error, vars) => refresh(undefined, vars) : undefined,
  });
}
