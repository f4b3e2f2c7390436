import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  BoundaryInterfaceInputSchema,
  type BoundaryInterfaceItem,
  BoundaryInterfaceUpdateSchema,
  ScopeElementInputSchema,
  type ScopeElementItem,
  ScopeElementUpdateSchema,
  type ScopeStatementDiffSchema,
  type ScopeStatementSchema,
  type ScopeStatementVersionSummarySchema,
} from "../../../contracts/scope";
import { api, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export const ELEMENTS_PATH = "scope/elements";
export const INTERFACES_PATH = "scope/interfaces";
const STATEMENT_PATH = "scope/statement";

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const PAGE_SIZE = 200;

/** Every page of a list: the tree, the interface form's choices and the statement all need the whole register. */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<T>>(path, { query: { limit: PAGE_SIZE, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The scope registers, the statement assembled from them and the roadmap all move together. */
function useRefreshScope(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [
        ["register", orgId, ELEMENTS_PATH],
        ["register", orgId, INTERFACES_PATH],
        ["register", orgId, STATEMENT_PATH],
        [ROADMAP_KEY, orgId],
        ["gates", orgId],
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

export function useScopeElements(orgId: string) {
  return useQuery({
    queryKey: ["register", orgId, ELEMENTS_PATH],
    queryFn: () => allPages<ScopeElementItem>(`/orgs/${orgId}/${ELEMENTS_PATH}`),
  });
}

export function useBoundaryInterfaces(orgId: string) {
  return useQuery({
    queryKey: ["register", orgId, INTERFACES_PATH],
    queryFn: () => allPages<BoundaryInterfaceItem>(`/orgs/${orgId}/${INTERFACES_PATH}`),
  });
}

/** Create, update with the version read, and delete, for elements or interfaces. */
function useScopeMutations<T extends { id: string; version: number }>(orgId: string, path: string, input: z.ZodType, update: z.ZodType) {
  const refresh = useRefreshScope(orgId);
  return {
    create: useMutation({
      mutationFn: (values: Record<string, unknown>) => api.post<T>(`/orgs/${orgId}/${path}`, parseWith(input, values)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ item, values }: { item: T; values: Record<string, unknown> }) =>
        api.patch<T>(`/orgs/${orgId}/${path}/${item.id}`, patchWith(update, { ...values, version: item.version })),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (item: T) => api.delete(`/orgs/${orgId}/${path}/${item.id}`),
      onSettled: refresh,
    }),
  };
}

export const useElementMutations = (orgId: string) =>
  useScopeMutations<ScopeElementItem>(orgId, ELEMENTS_PATH, ScopeElementInputSchema, ScopeElementUpdateSchema);

export const useInterfaceMutations = (orgId: string) =>
  useScopeMutations<BoundaryInterfaceItem>(orgId, INTERFACES_PATH, BoundaryInterfaceInputSchema, BoundaryInterfaceUpdateSchema);

export type ScopeStatement = z.infer<typeof ScopeStatementSchema>;
export type StatementVersion = z.infer<typeof ScopeStatementVersionSummarySchema>;

/** The statement quotes the narrative: keyed by the narrative's version, it is fetched again once the narrative is saved. */
export function useScopeStatement(orgId: string, narrativeVersion: number | undefined) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "now", narrativeVersion],
    queryFn: () => api.get<ScopeStatement>(`/orgs/${orgId}/${STATEMENT_PATH}`),
  });
}

export function useStatementVersions(orgId: string) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "versions"],
    queryFn: () => allPages<StatementVersion>(`/orgs/${orgId}/${STATEMENT_PATH}/versions`),
  });
}

export function useFreezeStatement(orgId: string) {
  const refresh = useRefreshScope(orgId);
  return useMutation({
    mutationFn: (note: string | null) => api.post<StatementVersion>(`/orgs/${orgId}/${STATEMENT_PATH}/versions`, { note }),
    onSuccess: refresh,
  });
}

export type StatementDiff = z.infer<typeof ScopeStatementDiffSchema>;

/**
 * The lines that differ between two frozen versions, or between one and the document as it reads
 * now (`to` null): like the statement, keyed by the narrative's version for that.
 */
export function useStatementDiff(orgId: string, from: number | null, to: number | null, narrativeVersion: number | undefined) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "diff", from, to, to === null ? narrativeVersion : null],
    queryFn: () => api.get<StatementDiff>(`/orgs/${orgId}/${STATEMENT_PATH}/diff`, { query: { from, to } }),
    enabled: from !== null && from !== to,
  });
}
