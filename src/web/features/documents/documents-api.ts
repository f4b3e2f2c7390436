import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type DocumentApprovalSchema,
  DocumentInputSchema,
  type DocumentItem,
  type DocumentRegisterReviewSchema,
  type DocumentVersion,
  documentEndpoints,
  FromTemplateSchema,
  type PolicyTemplateSchema,
} from "../../../contracts/documents";
import { allPages } from "../../app/all-pages";
import { call, parseWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type RegisterReview = z.infer<typeof DocumentRegisterReviewSchema>;
export type DocumentApproval = z.infer<typeof DocumentApprovalSchema>;
export type PolicyTemplate = z.infer<typeof PolicyTemplateSchema>;

/** The same key as the ISMS policy's page (policy-api.ts): a change on either refreshes both. */
const KEY = "documents";

/** The whole register: organizations keep tens of documents, not thousands, so pages are followed to the end. */
export function useDocuments(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "list"],
    queryFn: (): Promise<DocumentItem[]> => allPages((query) => call(documentEndpoints.list, { params: { orgId }, query })),
  });
}

export function useDocumentItem(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "item"],
    queryFn: () => call(documentEndpoints.get, { params: { orgId, documentId } }),
  });
}

export function useRegisterReview(orgId: string) {
  return useQuery({
    queryKey: [KEY, orgId, "review"],
    queryFn: () => call(documentEndpoints.registerReview, { params: { orgId } }),
  });
}

export function usePolicyTemplates(orgId: string) {
  return useQuery({
    queryKey: ["policy-templates", orgId],
    queryFn: async () => (await call(documentEndpoints.policyTemplates, { params: { orgId } })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateDocument(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(documentEndpoints.create, { params: { orgId }, body: parseWith(DocumentInputSchema, values) }),
    { refresh: [[KEY, orgId]], on: "success" },
  );
}

export function useCreateFromTemplate(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) =>
      call(documentEndpoints.fromTemplate, { params: { orgId }, body: parseWith(FromTemplateSchema, values) }),
    { refresh: [[KEY, orgId]], on: "success" },
  );
}

/** Whether the approval of the version in force still holds, and what changed when it does not. */
export function useApprovalState(orgId: string, documentId: string) {
  return useQuery({
    queryKey: [KEY, orgId, documentId, "approval"],
    queryFn: () => call(documentEndpoints.approval, { params: { orgId, documentId } }),
  });
}

/** The approver's decision on a version in review: it binds the content as it is now. */
export function useApproveVersion(orgId: string, documentId: string) {
  return useOrgWrite(
    orgId,
    ({ version, comment }: { version: DocumentVersion; comment: string | null }) =>
      call(documentEndpoints.approve, {
        params: { orgId, documentId, number: version.number },
        body: { version: version.version, comment },
      }),
    { refresh: [[KEY, orgId]] },
  );
}
