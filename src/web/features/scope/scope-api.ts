import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { EndpointOutput } from "../../../contracts/endpoint";
import {
  BoundaryInterfaceInputSchema,
  type BoundaryInterfaceItem,
  BoundaryInterfaceUpdateSchema,
  ScopeElementInputSchema,
  type ScopeElementItem,
  ScopeElementUpdateSchema,
  scopeEndpoints,
} from "../../../contracts/scope";
import { api, call, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export const ELEMENTS_PATH = "scope/elements";
export const INTERFACES_PATH = "scope/interfaces";
const STATEMENT_PATH = "scope/statement";

const PAGE_SIZE = 200;

/** Every page of a list: the tree, the interface form's choices and the statement all need the whole register. */
async function allPages<T>(
  pageAt: (query: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageAt({ limit: PAGE_SIZE, cursor });
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
    queryFn: () => allPages((query) => call(scopeEndpoints.listElements, { params: { orgId }, query })),
  });
}

export function useBoundaryInterfaces(orgId: string) {
  return useQuery({
    queryKey: ["register", orgId, INTERFACES_PATH],
    queryFn: () => allPages((query) => call(scopeEndpoints.listInterfaces, { params: { orgId }, query })),
  });
}

/** Create, update with the version read, and delete, for elements or interfaces. */
function useScopeMutations<T extends { id: string; version: number }>(
  orgId: string,
  path: string,
  update: z.ZodType,
  endpoints: { create: (values: Record<string, unknown>) => Promise<T>; remove: (item: T) => Promise<unknown> },
) {
  const refresh = useRefreshScope(orgId);
  return {
    create: useMutation({
      mutationFn: endpoints.create,
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ item, values }: { item: T; values: Record<string, unknown> }) =>
        api.patch<T>(`/orgs/${orgId}/${path}/${item.id}`, patchWith(update, { ...values, version: item.version })),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: endpoints.remove,
      onSettled: refresh,
    }),
  };
}

export const useElementMutations = (orgId: string) =>
  useScopeMutations<ScopeElementItem>(orgId, ELEMENTS_PATH, ScopeElementUpdateSchema, {
    create: (values) => call(scopeEndpoints.createElement, { params: { orgId }, body: parseWith(ScopeElementInputSchema, values) }),
    remove: (item) => call(scopeEndpoints.deleteElement, { params: { orgId, elementId: item.id } }),
  });

export const useInterfaceMutations = (orgId: string) =>
  useScopeMutations<BoundaryInterfaceItem>(orgId, INTERFACES_PATH, BoundaryInterfaceUpdateSchema, {
    create: (values) => call(scopeEndpoints.createInterface, { params: { orgId }, body: parseWith(BoundaryInterfaceInputSchema, values) }),
    remove: (item) => call(scopeEndpoints.deleteInterface, { params: { orgId, interfaceId: item.id } }),
  });

export type ScopeStatement = EndpointOutput<typeof scopeEndpoints.statement>;
export type StatementVersion = EndpointOutput<typeof scopeEndpoints.listVersions>["items"][number];

/** The statement quotes the narrative: keyed by the narrative's version, it is fetched again once the narrative is saved. */
export function useScopeStatement(orgId: string, narrativeVersion: number | undefined) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "now", narrativeVersion],
    queryFn: () => call(scopeEndpoints.statement, { params: { orgId } }),
  });
}

export function useStatementVersions(orgId: string) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "versions"],
    queryFn: () => allPages((query) => call(scopeEndpoints.listVersions, { params: { orgId }, query })),
  });
}

export function useFreezeStatement(orgId: string) {
  const refresh = useRefreshScope(orgId);
  return useMutation({
    mutationFn: (note: string | null) => call(scopeEndpoints.freeze, { params: { orgId }, body: { note } }),
    onSuccess: refresh,
  });
}

export type StatementDiff = EndpointOutput<typeof scopeEndpoints.diff>;

/**
 * The lines that differ between two frozen versions, or between one and the document as it reads
 * now (`to` null): like the statement, keyed by the narrative's version for that.
 */
export function useStatementDiff(orgId: string, from: number | null, to: number | null, narrativeVersion: number | undefined) {
  return useQuery({
    queryKey: ["register", orgId, STATEMENT_PATH, "diff", from, to, to === null ? narrativeVersion : null],
    queryFn: () => call(scopeEndpoints.diff, { params: { orgId }, query: { from: from ?? undefined, to: to ?? undefined } }),
    enabled: from !== null && from !== to,
  });
}
