import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { EXPORT_REGISTERS, IMPORT_REGISTERS } from "../core/imports/columns.js";
import { IdSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";

export const ImportRegisterSchema = z.enum(IMPORT_REGISTERS, { error: `must be one of ${IMPORT_REGISTERS.join(", ")}` });
export const FILE_FORMATS = ["csv", "xlsx"] as const;
export const FileFormatSchema = z.enum(FILE_FORMATS, { error: "must be csv or xlsx" });
export type FileFormat = z.infer<typeof FileFormatSchema>;
/** The media type of each file format, as a download declares it. */
export const FILE_MEDIA_TYPES: Record<FileFormat, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The preview route takes the file inside JSON, base64-encoded, and is the one route whose body
 * may exceed the API's 1 MiB: up to what a file of the largest size allowed
 * (ISMS_UPLOAD_MAX_BYTES) takes in base64, with room for the rest of the body.
 */
export const importBodyLimit = (fileBytes: number) => Math.ceil(fileBytes / 3) * 4 + 64 * 1024;
/** How many problems a preview lists; the count covers them all. */
export const PROBLEMS_LISTED = 500;

export const ImportPreviewInputSchema = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(255, { error: "must be at most 255 characters" })
    .describe("the file's name, kept for the audit trail and the status"),
  format: FileFormatSchema,
  contentBase64: z
    .string()
    .min(1, { error: "must not be empty" })
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: "must be base64" })
    .describe(
      "the file's bytes, base64-encoded: a CSV (header row first; comma-, semicolon- or tab-separated, told by the header; UTF-8 with or without BOM, or Windows-1252) or an XLSX workbook (its first sheet)",
    ),
});

export const ImportRegisterParamsSchema = z.strictObject({ orgId: IdSchema, register: ImportRegisterSchema });
export const ExportRegisterSchema = z.enum(EXPORT_REGISTERS, { error: `must be one of ${EXPORT_REGISTERS.join(", ")}` });
export const ExportRegisterParamsSchema = z.strictObject({ orgId: IdSchema, register: ExportRegisterSchema });
export const ImportParamsSchema = z.strictObject({ orgId: IdSchema, importId: IdSchema });

export const ImportProblemSchema = z.object({
  row: z.number().int().nullable().describe("the spreadsheet row (the header is row 1); null for the file as a whole"),
  column: z.string().nullable().describe("the column's header; null for the row or the file as a whole"),
  message: z.string(),
});
export type ImportProblemItem = z.infer<typeof ImportProblemSchema>;

export const IMPORT_STATUSES = ["previewed", "committing", "committed", "failed"] as const;

export const ImportJobSchema = z.object({
  id: IdSchema,
  register: ImportRegisterSchema,
  filename: z.string(),
  format: FileFormatSchema,
  status: z
    .enum(IMPORT_STATUSES)
    .describe("previewed: waiting for commit (refused while it has errors); committing; committed; failed: nothing was changed"),
  rows: z.number().int().describe("data rows in the file"),
  create: z.number().int().describe("rows that add a record"),
  update: z.number().int().describe("rows that change a record, matched by external reference (or by name where there is none)"),
  unchanged: z.number().int().describe("rows equal to their record already"),
  errorCount: z.number().int(),
  errors: z.array(ImportProblemSchema).describe(`the first ${PROBLEMS_LISTED} problems, by row`),
  processed: z.number().int().describe("while committing: records written so far, of `total`"),
  total: z.number().int().describe("records the commit writes (create + update)"),
  message: z.string().nullable().describe("why a commit failed"),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema.describe("a preview not committed by then is discarded"),
  committedAt: TimestampSchema.nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const ExportQuerySchema = z.object({ format: FileFormatSchema.default("csv") });

const importTags = ["imports and exports"];
export const importEndpoints = {
  preview: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/imports/:register/preview",
    access: access.org(registerPolicy, "write"),
    tags: importTags,
    summary:
      "Read a CSV or XLSX file and show what importing it would do: rows to create, update (matched by external reference, else by name) and leave unchanged, and every problem by row and column. Changes nothing; commit the preview to apply it",
    params: ImportRegisterParamsSchema,
    body: ImportPreviewInputSchema,
    response: ImportJobSchema,
    status: 201,
  }),
  commit: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/imports/:importId/commit",
    access: access.org(registerPolicy, "write"),
    tags: importTags,
    summary:
      "Apply a previewed import in one transaction: all rows or, when the file has problems or the register changed since the preview (409), none",
    params: ImportParamsSchema,
    response: ImportJobSchema,
  }),
  status: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/imports/:importId",
    access: access.org(registerPolicy, "read"),
    tags: importTags,
    summary: "An import's status, counts and problems; while it is being committed, how many records are written (PostgreSQL)",
    params: ImportParamsSchema,
    response: ImportJobSchema,
  }),
  export: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/exports/:register",
    access: access.org(registerPolicy, "read"),
    tags: importTags,
    summary:
      "Download a register as a CSV or XLSX attachment: an importable register with the columns its import takes; boundary interfaces and obligations too",
    params: ExportRegisterParamsSchema,
    query: ExportQuerySchema,
    response: fileResponse(FILE_MEDIA_TYPES.csv, FILE_MEDIA_TYPES.xlsx),
  }),
  template: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/imports/:register/template",
    access: access.org(registerPolicy, "read"),
    tags: importTags,
    summary:
      "Download an empty import file for a register: the header row its import reads, on the organization's valuation scale; an XLSX template describes each column (required, type, allowed values, example) on a second sheet",
    params: ImportRegisterParamsSchema,
    query: ExportQuerySchema,
    response: fileResponse(FILE_MEDIA_TYPES.csv, FILE_MEDIA_TYPES.xlsx),
  }),
};
