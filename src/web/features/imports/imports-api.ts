import { type QueryKey, useMutation, useQuery } from "@tanstack/react-query";
import { type FileFormat, type ImportJob, importEndpoints } from "../../../contracts/imports";
import type { ExportRegister } from "../../../core/imports/columns";
import { call, endpointHref } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

/** The registers a file can fill, as the API names them. */
export type ImportRegister = ImportJob["register"];
export type { ExportRegister };

const POLL_MS = 500;

export function formatOf(filename: string): FileFormat | null {
  const extension = filename.toLowerCase().split(".").pop();
  return extension === "csv" || extension === "xlsx" ? extension : null;
}

/** The file's bytes as base64, which is how the preview route takes them inside JSON. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function usePreviewImport(orgId: string, register: ImportRegister) {
  return useMutation({
    mutationFn: async (file: File) => {
      const format = formatOf(file.name);
      if (!format) throw new Error("Choose a .csv or .xlsx file.");
      return call(importEndpoints.preview, {
        params: { orgId, register },
        body: { filename: file.name, format, contentBase64: await base64Of(file) },
      });
    },
  });
}

/** An import changes its register (`refresh`, the register's queries) and whatever is derived from it. */
export function useCommitImport(orgId: string, refresh: readonly QueryKey[]) {
  return useOrgWrite(orgId, (job: ImportJob) => call(importEndpoints.commit, { params: { orgId, importId: job.id } }), {
    refresh,
    on: "success",
  });
}

/** The commit answers only once it is done, so its progress is asked for alongside while it runs. */
export function useImportProgress(orgId: string, importId: string | null) {
  return useQuery({
    queryKey: ["import", orgId, importId],
    queryFn: () => call(importEndpoints.status, { params: { orgId, importId: importId ?? "" } }),
    enabled: importId !== null,
    refetchInterval: POLL_MS,
  });
}

/** The export is a plain download: the browser sends the session cookie and saves the attachment. */
export function exportHref(orgId: string, register: ExportRegister, format: FileFormat): string {
  return endpointHref(importEndpoints.export, { params: { orgId, register }, query: { format } });
}

/** An empty file with the register's columns; the XLSX one describes each column on a second sheet. */
export function templateHref(orgId: string, register: ImportRegister, format: FileFormat): string {
  return endpointHref(importEndpoints.template, { params: { orgId, register }, query: { format } });
}
