import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type DocumentDiffSchema,
  DocumentInputSchema,
  type DocumentItem,
  DocumentUpdateSchema,
  type DocumentVersion,
  DraftUpdateSchema,
  documentEndpoints,
  RetireDocumentSchema,
} from "../../../contracts/documents";
import { call, parseWith, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type DocumentDiff = z.infer<typeof DocumentDiffSchema>;

const KEY = "documents";

/** A policy's text and state decide activity 6.6 and what gate G2 approves (the roadmap and gates are refreshed by every write). */
const refreshDocuments = (orgId: string) => ({ refresh: [[KEY, orgId]] });

/** The organization has one ISMS policy; null until it is created. */
export function useIsmsPolicy(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "isms_policy"],
    queryFn: async () => {
      const page = await call(documentEndpoints.list, { params: { orgId }, query: { type: "isms_policy", limit: 1 } });
      return page.items[0] ?? null;
    },
  });
}

export function useCreatePolicy(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(documentEndpoints.create, { params: { orgId }, body: parseWith(DocumentInputSchema, { ...values, type: "isms_policy" }) }),
    { ...refreshDocuments(orgId), on: "success" },
  );
}

/** Document control: identifier, title, owner, classification and review date, under the version read. */
export function useUpdateDocument(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ document, values }: { document: DocumentItem; values: Record<string, unknown> }) =>
      call(documentEndpoints.update.patch, {
        params: { orgId, documentId: document.id },
        body: { ...patchWith(DocumentUpdateSchema, { ...values, version: document.version }), version: document.version },
      }),
    refreshDocuments(orgId),
  );
}

/** Withdraws the document: the approved version leaves force and an open draft is abandoned. */
export function useRetireDocument(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ document, reason }: { document: DocumentItem; reason: string | null }) =>
      call(documentEndpoints.retire, {
        params: { orgId, documentId: document.id },
        body: parseWith(RetireDocumentSchema, { reason, version: document.version }),
      }),
    refreshDocuments(orgId),
  );
}

export function useDocumentVersion(orgId: string, documentId: string, number: number) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "version", number],
    queryFn: () => call(documentEndpoints.version, { params: { orgId, documentId, number } }),
  });
}

export function useDocumentVersions(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "versions"],
    queryFn: async () => (await call(documentEndpoints.versions, { params: { orgId, documentId }, query: { limit: 200 } })).items,
  });
}

export function useDocumentDiff(orgId: string, documentId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "diff", from, to],
    queryFn: () => call(documentEndpoints.diff, { params: { orgId, documentId }, query: { from: from ?? undefined, to: to ?? undefined } }),
    enabled: from !== null && to !== null && from !== to,
  });
}

export interface DraftChange {
  sections: { key: string; title: string; markdown: string }[];
  changeSummary: string | null;
}

/** Saving and submitting: submit first writes what is on screen, so what is submitted is what the author sees. */
export function useDraftActions(orgId: string, documentId: string) {
  const queryClient = useQueryClient();
  const refresh = refreshDocuments(orgId);
  const save = async (draft: DocumentVersion, change: DraftChange) => {
    const saved = await call(documentEndpoints.updateDraft.patch, {
      params: { orgId, documentId, number: draft.number },
      body: { ...patchWith(DraftUpdateSchema, { ...change, version: draft.version }), version: draft.version },
    });
    queryClient.setQueryData([KEY, orgId, documentId, "version", saved.number], saved);
    return saved;
  };
  return {
    save: useOrgWrite(orgId, ({ draft, change }: { draft: DocumentVersion; change: DraftChange }) => save(draft, change), refresh),
    submit: useOrgWrite(
      orgId,
      async ({ draft, change }: { draft: DocumentVersion; change: DraftChange }) => {
        const saved = await save(draft, change);
        return call(documentEndpoints.submit, {
          params: { orgId, documentId, number: saved.number },
          body: { version: saved.version },
        });
      },
      refresh,
    ),
    withdraw: useOrgWrite(
      orgId,
      (version: DocumentVersion) =>
        call(documentEndpoints.withdraw, { params: { orgId, documentId, number: version.number }, body: { version: version.version } }),
      refresh,
    ),
    newDraft: useOrgWrite(
      orgId,
      (changeSummary: string | null) => call(documentEndpoints.newDraft, { params: { orgId, documentId }, body: { changeSummary } }),
      refresh,
    ),
  };
}
