import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { endpointPath } from "../../../contracts/endpoint";
import { type EvidenceFileSchema, type EvidenceTargetSchema, evidenceEndpoints } from "../../../contracts/evidence";
import { call, endpointHref, sendFile } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;
export type EvidenceOwner = z.infer<typeof EvidenceTargetSchema>;

const key = (orgId: string, owner: EvidenceOwner) => ["evidence", orgId, owner.entityType, owner.entityId];

export function useEvidence(orgId: string, owner: EvidenceOwner) {
  return useQuery({
    queryKey: key(orgId, owner),
    queryFn: async () => (await call(evidenceEndpoints.list, { params: { orgId }, query: owner })).items,
  });
}

/** Where a file is downloaded: always as an attachment (the server says so), never shown in the app. */
export const evidenceHref = (orgId: string, file: EvidenceFile) =>
  endpointHref(evidenceEndpoints.content, { params: { orgId, fileId: file.id } });

export function useEvidenceActions(orgId: string, owner: EvidenceOwner) {
  const refresh = [key(orgId, owner)];
  return {
    upload: useOrgWrite(
      orgId,
      (file: File) =>
        sendFile<EvidenceFile>(endpointPath(evidenceEndpoints.upload.path, { orgId }), file, { ...owner, filename: file.name }),
      { refresh, on: "success" },
    ),
    remove: useOrgWrite(orgId, (file: EvidenceFile) => call(evidenceEndpoints.remove, { params: { orgId, fileId: file.id } }), { refresh }),
  };
}

/** 1,234,567 bytes as "1.2 MB": people read sizes, auditors may want the exact count (shown beside it). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
