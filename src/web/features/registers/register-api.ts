import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { UpdateOf } from "../../../contracts/register";
import { api, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

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

/** Whatever a register holds changes the roadmap, which is derived from it. */
function useRefresh(orgId: string, path: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["register", orgId, path] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
    ]);
}

/**
 * The whole register in creation order. Phase 1 registers hold a handful of lines, and totals
 * and the timeline need every one, so the pages are followed to the end rather than shown one by one.
 */
export function useRegisterItems<T extends RegisterItem>(orgId: string, path: string) {
  return useQuery({
    queryKey: ["register", orgId, path],
    queryFn: async () => {
      const items: T[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<T>>(`/orgs/${orgId}/${path}`, { query: { limit: PAGE_SIZE, cursor } });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

/**
 * Create, update (with the version read) and delete for a register made by the server's register route factory.
 * `itemPath` is where one item lives when it is not below the list (a finding listed under its audit, changed at findings/:id).
 */
export function useRegisterMutations<T extends RegisterItem>(orgId: string, path: string, input: z.ZodObject, itemPath = path) {
  const refresh = useRefresh(orgId, path);
  const update = UpdateOf(input);
  return {
    create: useMutation({
      mutationFn: (values: Record<string, unknown>) => api.post<T>(`/orgs/${orgId}/${path}`, parseWith(input, values)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ item, values }: { item: T; values: Record<string, unknown> }) =>
        api.patch<T>(`/orgs/${orgId}/${itemPath}/${item.id}`, patchWith(update, { ...values, version: item.version })),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (item: T) => api.delete(`/orgs/${orgId}/${itemPath}/${item.id}`),
      onSettled: refresh,
    }),
  };
}

export function useDocument<T extends RegisterDocument>(orgId: string, path: string) {
  return useQuery({ queryKey: ["register", orgId, path], queryFn: () => api.get<T>(`/orgs/${orgId}/${path}`) });
}

/** Writes the document's fields on the form with the version it was read at (0 the first time). */
export function useSaveDocument<T extends RegisterDocument>(orgId: string, path: string, input: z.ZodObject) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(orgId, path);
  return useMutation({
    mutationFn: ({ values, version }: { values: Record<string, unknown>; version: number }) =>
      api.patch<T>(`/orgs/${orgId}/${path}`, patchWith(input, { ...values, version })),
    onSuccess: (saved) => queryClient.setQueryData(["register", orgId, path], saved),
    onSettled: refresh,
  });
}
