import { type QueryKey, type UseMutationResult, useMutation, useQueryClient } from "@tanstack/react-query";

/** The roadmap's query key: its status is derived from every register, so any write refreshes it. */
export const ROADMAP_KEY = "roadmap";
/** The approvals' gate states: a write to what a gate approved can make it stale. */
export const GATES_KEY = "gates";

export interface WriteOptions<TResult, TVars> {
  /** The queries the write changes. */
  refresh?: readonly QueryKey[] | ((result: TResult | undefined, vars: TVars) => readonly QueryKey[]);
  /**
   * "success" refreshes only after a write that went through (a create: nothing changed otherwise);
   * "settled", the default, also after a refused one (an update refused as stale shows what is stored now).
   */
  on?: "success" | "settled";
  /** Runs after the refresh of a write that went through (closing a dialog, a notification). */
  onSuccess?: (result: TResult, vars: TVars) => void;
  /** Runs after the refresh of a refused write (a notification saying why). */
  onError?: (error: Error, vars: TVars) => void;
}

/** Every write to an organization's data: the roadmap and the gates are refreshed besides the listed queries. */
export type OrgWriteOptions<TResult, TVars> = WriteOptions<TResult, TVars>;

/**
 * A write and the refresh of what it changed, in one place: the writes that are not about an
 * organization's data (the session, the account, users, organizations, the instance) use it as is.
 */
export function useWrite<TResult, TVars = void>(
  write: (vars: TVars) => Promise<TResult>,
  options: WriteOptions<TResult, TVars> = {},
): UseMutationResult<TResult, Error, TVars> {
  const queryClient = useQueryClient();
  const refresh = (result: TResult | undefined, vars: TVars) => {
    const keys = typeof options.refresh === "function" ? options.refresh(result, vars) : (options.refresh ?? []);
    return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
  const settled = (options.on ?? "settled") === "settled";
  return useMutation({
    mutationFn: write,
    onSuccess: async (result, vars) => {
      await refresh(result, vars);
      options.onSuccess?.(result, vars);
    },
    onError: async (error, vars) => {
      if (settled) await refresh(undefined, vars);
      options.onError?.(error, vars);
    },
  });
}

/** What is derived from every register: refreshed after any write to an organization's data. */
const derivedKeys = (orgId: string): QueryKey[] => [
  [ROADMAP_KEY, orgId],
  [GATES_KEY, orgId],
];

/**
 * The refresh of `useOrgWrite`, for a page that follows a write made by another area's hook with
 * queries of its own (the security organization's review after a RACI change).
 */
export function useRefreshOrg(orgId: string) {
  const queryClient = useQueryClient();
  return (keys: readonly QueryKey[] = []) =>
    Promise.all([...keys, ...derivedKeys(orgId)].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
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
  const { refresh } = options;
  return useWrite(write, {
    ...options,
    refresh: (result, vars) => [...(typeof refresh === "function" ? refresh(result, vars) : (refresh ?? [])), ...derivedKeys(orgId)],
  });
}
