import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { BrandingSchema, Deliverable, Issue, Job } from "../../../contracts/deliverables";
import type { Format } from "../../../core/deliverables/freshness";
import { api } from "../../app/api-client";

export type { Deliverable, Issue, Job };
export type Branding = z.infer<typeof BrandingSchema>;

export const DELIVERABLES_KEY = "deliverables";

/** Where a deliverable is generated now from the live data (the browser sends the session cookie). */
export const renderHref = (orgId: string, deliverableId: string, format: Format) =>
  `/api/v1/orgs/${orgId}/deliverables/${deliverableId}/render?format=${format}`;
export const issueFileHref = (orgId: string, deliverableId: string, issueId: string) =>
  `/api/v1/orgs/${orgId}/deliverables/${deliverableId}/issues/${issueId}/file`;
export const packFileHref = (orgId: string, jobId: string) => `/api/v1/orgs/${orgId}/deliverables/packs/${jobId}/file`;

export const FORMAT_LABELS: Record<Format, string> = { docx: "DOCX", pdf: "PDF", xlsx: "XLSX", md: "Markdown" };

export function useDeliverables(orgId: string) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "list"],
    queryFn: async () => (await api.get<{ items: Deliverable[] }>(`/orgs/${orgId}/deliverables`)).items,
  });
}

export function useIssues(orgId: string, deliverableId: string | null) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "issues", deliverableId],
    queryFn: async () => (await api.get<{ items: Issue[] }>(`/orgs/${orgId}/deliverables/${deliverableId}/issues`)).items,
    enabled: deliverableId !== null,
  });
}

export function useIssue(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { deliverableId: string; formats: Format[]; note: string | null }) =>
      api.post<{ items: Issue[] }>(`/orgs/${orgId}/deliverables/${input.deliverableId}/issues`, {
        formats: input.formats,
        note: input.note,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [DELIVERABLES_KEY, orgId] }),
  });
}

export function useStartPack(orgId: string) {
  return useMutation({ mutationFn: (formats: Format[]) => api.post<Job>(`/orgs/${orgId}/deliverables/packs`, { formats }) });
}

/** A pack job, polled every half second while it runs. */
export function usePackJob(orgId: string, jobId: string | null) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "pack", jobId],
    queryFn: () => api.get<Job>(`/orgs/${orgId}/deliverables/packs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? 500 : false),
  });
}

export function useBranding(orgId: string) {
  return useQuery({ queryKey: [DELIVERABLES_KEY, orgId, "branding"], queryFn: () => api.get<Branding>(`/orgs/${orgId}/branding`) });
}

export function useSaveBranding(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { colour: string; classification: string; version: number }) => api.put<Branding>(`/orgs/${orgId}/branding`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [DELIVERABLES_KEY, orgId] }),
  });
}

export function useUploadLogo(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { type: "image/png" | "image/jpeg"; contentBase64: string }) =>
      api.post<Branding>(`/orgs/${orgId}/branding/logo`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [DELIVERABLES_KEY, orgId] }),
  });
}

export function useUploadTemplate(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { deliverableId: string; filename: string; contentBase64: string }) =>
      api.post(`/orgs/${orgId}/deliverables/${input.deliverableId}/template`, {
        filename: input.filename,
        contentBase64: input.contentBase64,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [DELIVERABLES_KEY, orgId] }),
  });
}

/** A file's bytes as base64, for the JSON upload endpoints. */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
