import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type DocumentDiffSchema,
  DocumentInputSchema,
  type DocumentItem,
  DocumentUpdateSchema,
  type DocumentVersion,
  type DocumentVersionSummary,
  DraftUpdateSchema,
  RetireDocumentSchema,
} from "../../../contracts/documents";
import { api, parseWith, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type DocumentDiff = z.infer<typeof DocumentDiffSchema>;

const KEY = "documents";

/** A policy's text and state decide activity 6.6 and what gate G2 approves. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([KEY, ROADMAP_KEY, "gates"].map((key) => queryClient.invalidateQueries({ queryKey: [key, orgId] })));
}

/** The organization has one ISMS policy; null until it is created. */
export function useIsmsPolicy(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "isms_policy"],
    queryFn: async () => {
      const page = await api.get<{ items: DocumentItem[] }>(`/orgs/${orgId}/documents`, { query: { type: "isms_policy", limit: 1 } });
      return page.items[0] ?? null;
    },
  });
}

export function useCreatePolicy(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<DocumentItem>(`/orgs/${orgId}/documents`, parseWith(DocumentInputSchema, { ...values, type: "isms_policy" })),
    onSuccess: refresh,
  });
}

const base = (orgId: string, documentId: string) => `/orgs/${orgId}/documents/${documentId}`;

/** Document control: identifier, title, owner, classification and review date, under the version read. */
export function useUpdateDocument(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ document, values }: { document: DocumentItem; values: Record<string, unknown> }) =>
      api.patch<DocumentItem>(base(orgId, document.id), patchWith(DocumentUpdateSchema, { ...values, version: document.version })),
    onSettled: refresh,
  });
}

/** Withdraws the document: the approved version leaves force and an open draft is abandoned. */
export function useRetireDocument(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ document, reason }: { document: DocumentItem; reason: string | null }) =>
      api.post<DocumentItem>(`${base(orgId, document.id)}/retire`, parseWith(RetireDocumentSchema, { reason, version: document.version })),
    onSettled: refresh,
  });
}

export function useDocumentVersion(orgId: string, documentId: string, number: number) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "version", number],
    queryFn: () => api.get<DocumentVersion>(`${base(orgId, documentId)}/versions/${number}`),
  });
}

export function useDocumentVersions(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "versions"],
    queryFn: async () =>
      (await api.get<{ items: DocumentVersionSummary[] }>(`${base(orgId, documentId)}/versions`, { query: { limit: 200 } })).items,
  });
}

export function useDocumentDiff(orgId: string, documentId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "diff", from, to],
    queryFn: () => api.get<DocumentDiff>(`${base(orgId, documentId)}/diff`, { query: { from, to } }),
    enabled: from !== null && to !== null && from !== to,
  });
}

export interface DraftChange {
  sections: { key: string; title: string; markdown: string }[];
  changeSummary: string | null;
}

/** Saving and submitting: submit first writes what is on screen, so what is submitted is what the author sees. */
export function useDraftActions(orgId: string, documentId: string) {
  const refresh = useRefresh(orgId);
  const queryClient = useQueryClient();
  const url = (number: number) => `${base(orgId, documentId)}/versions/${number}`;
  const save = async (draft: DocumentVersion, change: DraftChange) => {
    const saved = await api.patch<DocumentVersion>(url(draft.number), patchWith(DraftUpdateSchema, { ...change, version: draft.version }));
    queryClient.setQueryData([KEY, orgId, documentId, "version", saved.number], saved);
    return saved;
  };
  return {
    save: useMutation({
      mutationFn: ({ draft, change }: { draft: DocumentVersion; change: DraftChange }) => save(draft, change),
      onSettled: refresh,
    }),
    submit: useMutation({
      mutationFn: async ({ draft, change }: { draft: DocumentVersion; change: DraftChange }) => {
        const saved = await save(draft, change);
        return api.post<DocumentVersion>(`${url(saved.number)}/submit`, { version: saved.version });
      },
      onSettled: refresh,
    }),
    withdraw: useMutation({
      mutationFn: (version: DocumentVersion) => api.post<DocumentVersion>(`${url(version.number)}/withdraw`, { version: version.version }),
      onSettled: refresh,
    }),
    newDraft: useMutation({
      mutationFn: (changeSummary: string | null) => api.post<DocumentVersion>(`${base(orgId, documentId)}/new-draft`, { changeSummary }),
      onSettled: refresh,
    }),
  };
}
