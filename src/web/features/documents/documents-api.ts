import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type DocumentApprovalSchema,
  DocumentInputSchema,
  type DocumentItem,
  type DocumentRegisterReviewSchema,
  type DocumentVersion,
  FromTemplateSchema,
  type PolicyTemplateSchema,
} from "../../../contracts/documents";
import { api, parseWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type RegisterReview = z.infer<typeof DocumentRegisterReviewSchema>;
export type DocumentApproval = z.infer<typeof DocumentApprovalSchema>;
export type PolicyTemplate = z.infer<typeof PolicyTemplateSchema>;

/** The same key as the ISMS policy's page (phase2/policy-api): a change on either refreshes both. */
const KEY = "documents";

function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([KEY, ROADMAP_KEY, "gates"].map((key) => queryClient.invalidateQueries({ queryKey: [key, orgId] })));
}

/** The whole register: organizations keep tens of documents, not thousands, so pages are followed to the end. */
export function useDocuments(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "list"],
    queryFn: async () => {
      const items: DocumentItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<{ items: DocumentItem[]; nextCursor: string | null }>(`/orgs/${orgId}/documents`, {
          query: { limit: 200, cursor },
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

export function useDocumentItem(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "item"],
    queryFn: () => api.get<DocumentItem>(`/orgs/${orgId}/documents/${documentId}`),
  });
}

export function useRegisterReview(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "review"],
    queryFn: () => api.get<RegisterReview>(`/orgs/${orgId}/document-register/review`),
  });
}

export function usePolicyTemplates(orgId: string) {
  return useQuery({
    queryKey: ["policy-templates", orgId],
    queryFn: async () => (await api.get<{ items: PolicyTemplate[] }>(`/orgs/${orgId}/policy-templates`)).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateDocument(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<DocumentItem>(`/orgs/${orgId}/documents`, parseWith(DocumentInputSchema, values)),
    onSuccess: refresh,
  });
}

export function useCreateFromTemplate(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<DocumentItem>(`/orgs/${orgId}/documents/from-template`, parseWith(FromTemplateSchema, values)),
    onSuccess: refresh,
  });
}

/** Whether the approval of the version in force still holds, and what changed when it does not. */
export function useApprovalState(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "approval"],
    queryFn: () => api.get<DocumentApproval>(`/orgs/${orgId}/documents/${documentId}/approval`),
  });
}

/** The approver's decision on a version in review: it binds the content as it is now. */
export function useApproveVersion(orgId: string, documentId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ version, comment }: { version: DocumentVersion; comment: string | null }) =>
      api.post<DocumentVersion>(`/orgs/${orgId}/documents/${documentId}/versions/${version.number}/approve`, {
        version: version.version,
        comment,
      }),
    onSettled: refresh,
  });
}
