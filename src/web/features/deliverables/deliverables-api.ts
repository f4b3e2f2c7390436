import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type BrandingSchema, type Deliverable, deliverableEndpoints, type Issue, type Job } from "../../../contracts/deliverables";
import type { Format } from "../../../core/deliverables/freshness";
import { call, endpointHref } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type { Deliverable, Issue, Job };
export type Branding = z.infer<typeof BrandingSchema>;

export const DELIVERABLES_KEY = "deliverables";

/** Where a deliverable is generated now from the live data (the browser sends the session cookie). */
export const renderHref = (orgId: string, deliverableId: string, format: Format) =>
  endpointHref(deliverableEndpoints.render, { params: { orgId, deliverableId }, query: { format } });
export const issueFileHref = (orgId: string, deliverableId: string, issueId: string) =>
  endpointHref(deliverableEndpoints.issueFile, { params: { orgId, deliverableId, issueId } });
export const packFileHref = (orgId: string, jobId: string) => endpointHref(deliverableEndpoints.packFile, { params: { orgId, jobId } });

export const FORMAT_LABELS: Record<Format, string> = { docx: "DOCX", pdf: "PDF", xlsx: "XLSX", md: "Markdown" };

export function useDeliverables(orgId: string) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "list"],
    queryFn: async () => (await call(deliverableEndpoints.list, { params: { orgId } })).items,
  });
}

export function useIssues(orgId: string, deliverableId: string | null) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "issues", deliverableId],
    queryFn: async () => (await call(deliverableEndpoints.issues, { params: { orgId, deliverableId: deliverableId ?? "" } })).items,
    enabled: deliverableId !== null,
  });
}

/** A write to the deliverables (an issue, the branding, a template): done only when it went through. */
const deliverablesWrite = (orgId: string) => ({ refresh: [[DELIVERABLES_KEY, orgId]], on: "success" as const });

export function useIssue(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { deliverableId: string; formats: Format[]; note: string | null }) =>
      call(deliverableEndpoints.issue, {
        params: { orgId, deliverableId: input.deliverableId },
        body: { formats: input.formats, note: input.note },
      }),
    deliverablesWrite(orgId),
  );
}

export function useStartPack(orgId: string) {
  return useMutation({ mutationFn: (formats: Format[]) => call(deliverableEndpoints.startPack, { params: { orgId }, body: { formats } }) });
}

/** A pack job, polled every half second while it runs. */
export function usePackJob(orgId: string, jobId: string | null) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "pack", jobId],
    queryFn: () => call(deliverableEndpoints.pack, { params: { orgId, jobId: jobId ?? "" } }),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? 500 : false),
  });
}

export function useBranding(orgId: string) {
  return useQuery({
    queryKey: [DELIVERABLES_KEY, orgId, "branding"],
    queryFn: () => call(deliverableEndpoints.branding, { params: { orgId } }),
  });
}

export function useSaveBranding(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { colour: string; classification: string; version: number }) =>
      call(deliverableEndpoints.updateBranding.replace, { params: { orgId }, body: input }),
    deliverablesWrite(orgId),
  );
}

export function useUploadLogo(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { type: "image/png" | "image/jpeg"; contentBase64: string }) =>
      call(deliverableEndpoints.uploadLogo, { params: { orgId }, body: input }),
    deliverablesWrite(orgId),
  );
}

export function useUploadTemplate(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { deliverableId: string; filename: string; contentBase64: string }) =>
      call(deliverableEndpoints.uploadTemplate, {
        params: { orgId, deliverableId: input.deliverableId },
        body: { filename: input.filename, contentBase64: input.contentBase64 },
      }),
    deliverablesWrite(orgId),
  );
}

/** A file's bytes as base64, for the JSON upload endpoints. */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
