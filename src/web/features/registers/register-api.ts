import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type AnyRegisterEndpoints, type AnySingletonEndpoints, UpdateOf } from "../../../contracts/register";
import { api, call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

/** Every register item carries these; the server refuses an update sent with a version it has moved past. */
export interface RegisterItem {
  id: string;
  /** What the item is called: its title, or its name in registers of things that have one (interested parties). */
  title?: string;
  name?: string;
  version: number;
}

/** Documents an organization has one of: version 0 until first saved. */
export interface RegisterDocument {
  version: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const PAGE_SIZE = 200;

/** A register's endpoints (src/contracts), or the path below /orgs/:orgId/ of a list not yet described by one. */
export type RegisterSource = string | AnyRegisterEndpoints;

/** The register's path below /orgs/:orgId/: the cache key, the same whether it is named by its contract or by path. */
export const registerPath = (source: RegisterSource | AnySingletonEndpoints): string =>
  typeof source === "string" ? source : source.get.path.replace(/^\/orgs\/:orgId\//, "").replace(/\/:itemId$/, "");

/**
 * The whole register in creation order. Phase 1 registers hold a handful of lines, and totals
 * and the timeline need every one, so the pages are followed to the end rather than shown one by one.
 */
export function useRegisterItems<T extends RegisterItem>(orgId: string, source: RegisterSource) {
  return useQuery({
    queryKey: ["register", orgId, registerPath(source)],
    queryFn: async () => {
      const items: T[] = [];
      let cursor: string | undefined;
      do {
        const page =
          typeof source === "string"
            ? await api.get<Page<T>>(`/orgs/${orgId}/${source}`, { query: { limit: PAGE_SIZE, cursor } })
            : ((await call(source.list, { params: { orgId }, query: { limit: PAGE_SIZE, cursor } })) as Page<T>);
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

/**
 * Create, update (with the version read) and delete for a register: by its contracts, or by
 * path and input schema for lists not yet described by one. `itemPath` is where one item lives
 * when it is not below the list (a finding listed under its audit, changed at findings/:id).
 */
export function useRegisterMutations<T extends RegisterItem>(
  orgId: string,
  source: RegisterSource,
  input?: z.ZodObject,
  itemPath?: string,
) {
  const refresh = { refresh: [["register", orgId, registerPath(source)]] };
  const writes =
    typeof source === "string" ? pathWrites<T>(orgId, source, input as z.ZodObject, itemPath ?? source) : contractWrites<T>(orgId, source);
  return {
    create: useOrgWrite(orgId, writes.create, { ...refresh, on: "success" }),
    update: useOrgWrite(orgId, writes.update, refresh),
    remove: useOrgWrite(orgId, writes.remove, refresh),
  };
}

interface Writes<T> {
  create(values: Record<string, unknown>): Promise<T>;
  update(change: { item: T; values: Record<string, unknown> }): Promise<T>;
  remove(item: T): Promise<unknown>;
}

/** The schema a contract's body is checked against before sending (register contracts always have one). */
const bodyOf = (endpoint: { body?: z.ZodType }) => endpoint.body as z.ZodObject;

function contractWrites<T extends RegisterItem>(orgId: string, endpoints: AnyRegisterEndpoints): Writes<T> {
  return {
    create: async (values) =>
      (await call(endpoints.create, {
        params: { orgId },
        body: parseWith(bodyOf(endpoints.create), values) as Record<string, unknown>,
      })) as T,
    update: async ({ item, values }) =>
      (await call(endpoints.patch, {
        params: { orgId, itemId: item.id },
        body: patchWith(bodyOf(endpoints.replace), { ...values, version: item.version }) as { version: number },
      })) as T,
    remove: (item) => call(endpoints.remove, { params: { orgId, itemId: item.id } }),
  };
}

function pathWrites<T extends RegisterItem>(orgId: string, path: string, input: z.ZodObject, itemPath: string): Writes<T> {
  const update = UpdateOf(input);
  return {
    create: (values) => api.post<T>(`/orgs/${orgId}/${path}`, parseWith(input, values)),
    update: ({ item, values }) =>
      api.patch<T>(`/orgs/${orgId}/${itemPath}/${item.id}`, patchWith(update, { ...values, version: item.version })),
    remove: (item) => api.delete(`/orgs/${orgId}/${itemPath}/${item.id}`),
  };
}

export function useDocument<T extends RegisterDocument>(orgId: string, endpoints: AnySingletonEndpoints) {
  return useQuery({
    queryKey: ["register", orgId, registerPath(endpoints)],
    queryFn: async () => (await call(endpoints.get, { params: { orgId } })) as T,
  });
}

/** Writes the document's fields on the form with the version it was read at (0 the first time). */
export function useSaveDocument<T extends RegisterDocument>(orgId: string, endpoints: AnySingletonEndpoints) {
  const path = registerPath(endpoints);
  return useOrgWrite(
    orgId,
    async ({ values, version }: { values: Record<string, unknown>; version: number }) =>
      (await call(endpoints.patch, {
        params: { orgId },
        body: patchWith(bodyOf(endpoints.replace), { ...values, version }) as { version: number },
      })) as T,
    { refresh: [["register", orgId, path]] },
  );
}
