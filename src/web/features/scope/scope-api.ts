import { useQuery } from "@tanstack/react-query";
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
import { allPages } from "../../app/all-pages";
import { call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export const ELEMENTS_PATH = "scope/elements";
export const INTERFACES_PATH = "scope/interfaces";
const STATEMENT_PATH = "scope/statement";

/** The scope registers and the statement assembled from them move together (the roadmap and gates are refreshed by every write). */
const scopeKeys = (orgId: string) => [
  ["register", orgId, ELEMENTS_PATH],
  ["register", orgId, INTERFACES_PATH],
  ["register", orgId, STATEMENT_PATH],
];

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
  writes: {
    create: (values: Record<string, unknown>) => Promise<T>;
    update: (change: { item: T; values: Record<string, unknown> }) => Promise<T>;
    remove: (item: T) => Promise<unknown>;
  },
) {
  const refresh = { refresh: scopeKeys(orgId) };
  return {
    create: useOrgWrite(orgId, writes.create, { ...refresh, on: "success" }),
    update: useOrgWrite(orgId, writes.update, refresh),
    remove: useOrgWrite(orgId, writes.remove, refresh),
  };
}

export const useElementMutations = (orgId: string) =>
  useScopeMutations<ScopeElementItem>(orgId, {
    create: (values) => call(scopeEndpoints.createElement, { params: { orgId }, body: parseWith(ScopeElementInputSchema, values) }),
    update: ({ item, values }) =>
      call(scopeEndpoints.updateElement.patch, {
        params: { orgId, elementId: item.id },
        body: { ...patchWith(ScopeElementUpdateSchema, { ...values, version: item.version }), version: item.version },
      }),
    remove: (item) => call(scopeEndpoints.deleteElement, { params: { orgId, elementId: item.id } }),
  });

export const useInterfaceMutations = (orgId: string) =>
  useScopeMutations<BoundaryInterfaceItem>(orgId, {
    create: (values) => call(scopeEndpoints.createInterface, { params: { orgId }, body: parseWith(BoundaryInterfaceInputSchema, values) }),
    update: ({ item, values }) =>
      call(scopeEndpoints.updateInterface.patch, {
        params: { orgId, interfaceId: item.id },
        body: { ...patchWith(BoundaryInterfaceUpdateSchema, { ...values, version: item.version }), version: item.version },
      }),
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
  return useOrgWrite(orgId, (note: string | null) => call(scopeEndpoints.freeze, { params: { orgId }, body: { note } }), {
    refresh: scopeKeys(orgId),
    on: "success",
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
