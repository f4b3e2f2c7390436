import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type Endpoint, endpointPath } from "../../../contracts/endpoint";
import type { AnySingletonEndpoints } from "../../../contracts/register";
import { allPages } from "../../app/all-pages";
import { call, parseWith, patchWith } from "../../app/api-client";
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

type List = Endpoint<z.ZodType, z.ZodType | undefined, undefined, z.ZodType>;
type Write = Endpoint<z.ZodType, undefined, z.ZodType, z.ZodType>;
type Remove = Endpoint<z.ZodType, undefined, undefined, z.ZodType>;

/** A list of register items as the kit reads it, by its contract (the list's other path parameters are given beside it). */
export interface RegisterList {
  list: List;
}

/**
 * A register as the kit reads and writes it: its list and create, and the PUT/PATCH pair and DELETE
 * of one item. `registerEndpoints` (src/contracts/register.ts) is one; a list whose items are changed
 * elsewhere than below it (an audit's findings, changed at findings/:findingId) is grouped the same
 * way in its area's contracts. A register whose items are kept for the record (nonconformities) has no `remove`.
 */
export interface RegisterSource extends RegisterList {
  create: Write;
  replace: Write;
  patch: Write;
  remove?: Remove;
}

/** The list's path parameters besides orgId, by name. */
export type ListParams = Record<string, string>;

const belowOrg = (path: string) => path.replace(/^\/orgs\/:orgId\/?/, "");

/** The register's path below /orgs/:orgId/, parameters filled in: its cache key, which other queries are keyed below. */
export const registerPath = (source: RegisterList | AnySingletonEndpoints, params: ListParams = {}): string =>
  "list" in source ? endpointPath(belowOrg(source.list.path), params) : belowOrg(source.get.path);

/** The name of the path parameter that identifies one item (itemId in plain registers, findingId, …). */
const itemParam = (source: RegisterSource) => /:(\w+)$/.exec(source.patch.path)?.[1] ?? "itemId";

/**
 * The whole register in creation order. Phase 1 registers hold a handful of lines, and totals
 * and the timeline need every one, so the pages are followed to the end rather than shown one by one.
 */
export function useRegisterItems<T extends RegisterItem>(orgId: string, source: RegisterList, params: ListParams = {}) {
  return useQuery({
    queryKey: ["register", orgId, registerPath(source, params)],
    queryFn: () => allPages(async (query) => (await call(source.list, { params: { ...params, orgId }, query })) as Page<T>),
  });
}

/** The schema a contract's body is checked against before sending (register contracts always have one). */
const bodyOf = (endpoint: { body?: z.ZodType }) => endpoint.body as z.ZodObject;

/** Create, update (with the version read) and delete for a register, by its contracts. */
export function useRegisterMutations<T extends RegisterItem>(orgId: string, source: RegisterSource, params: ListParams = {}) {
  const refresh = { refresh: [["register", orgId, registerPath(source, params)]] };
  const item = (one: T) => ({ orgId, [itemParam(source)]: one.id });
  return {
    create: useOrgWrite(
      orgId,
      async (values: Record<string, unknown>) =>
        (await call(source.create, {
          params: { ...params, orgId },
          body: parseWith(bodyOf(source.create), values) as Record<string, unknown>,
        })) as T,
      { ...refresh, on: "success" },
    ),
    update: useOrgWrite(
      orgId,
      async ({ item: one, values }: { item: T; values: Record<string, unknown> }) =>
        (await call(source.patch, {
          params: item(one),
          body: patchWith(bodyOf(source.replace), { ...values, version: one.version }) as { version: number },
        })) as T,
      refresh,
    ),
    remove: useOrgWrite(
      orgId,
      async (one: T) => {
        if (!source.remove) throw new Error(`${source.list.path}: the register's items are not removed`);
        return call(source.remove, { params: item(one) });
      },
      refresh,
    ),
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
