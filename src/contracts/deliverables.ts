import { z } from "zod";
import { FORMATS } from "../core/deliverables/freshness.js";
import { IdSchema, TimestampSchema } from "./common.js";

export const FormatSchema = z.enum(FORMATS, { error: `must be one of ${FORMATS.join(", ")}` });
export const DeliverableIdSchema = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(60, { error: "must be at most 60 characters" })
  .regex(/^[a-z0-9-]+$/, { error: "must be a deliverable id such as soa or risk-report" });

export const DeliverableParamsSchema = z.strictObject({ orgId: IdSchema, deliverableId: DeliverableIdSchema });
export const IssueParamsSchema = z.strictObject({ orgId: IdSchema, deliverableId: DeliverableIdSchema, issueId: IdSchema });
export const JobParamsSchema = z.strictObject({ orgId: IdSchema, jobId: IdSchema });

export const IssueSchema = z.object({
  id: IdSchema,
  deliverableId: z.string(),
  number: z.number().int().describe("the issued version, counted per deliverable"),
  format: FormatSchema,
  sha256: z.string().describe("SHA-256 of the stored file"),
  size: z.number().int(),
  contentHash: z.string().describe("SHA-256 of the data the document was made from"),
  note: z.string().nullable(),
  issuedBy: z.string(),
  issuedAt: TimestampSchema,
});
export type Issue = z.infer<typeof IssueSchema>;

export const DeliverableSchema = z.object({
  id: z.string(),
  title: z.string(),
  activity: z.string().describe("the 27003 activity the deliverable belongs to"),
  formats: z.array(FormatSchema),
  available: z.boolean(),
  reason: z.string().nullable().describe("why it is not available yet"),
  freshness: z
    .enum(["never-issued", "current", "stale", "not-available"])
    .describe("stale: the data changed since the last issued version"),
  contentHash: z.string().nullable(),
  lastIssue: IssueSchema.nullable(),
  template: z.object({ filename: z.string(), size: z.number().int(), sha256: z.string(), updatedAt: TimestampSchema }).nullable(),
  path: z.string().nullable().describe("the web page the deliverable is made from, under /orgs/:orgId"),
});
export type Deliverable = z.infer<typeof DeliverableSchema>;

export const RenderQuerySchema = z.object({ format: FormatSchema.default("pdf") });

export const IssueInputSchema = z.strictObject({
  formats: z.array(FormatSchema).min(1, { error: "must name at least one format" }).max(4).default(["pdf", "docx"]),
  note: z.string().trim().max(2000, { error: "must be at most 2000 characters" }).nullable().default(null),
});

export const PackInputSchema = z.strictObject({
  formats: z.array(FormatSchema).min(1, { error: "must name at least one format" }).max(4).default(["pdf"]),
});

export const JobSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  status: z.enum(["running", "done", "failed"]),
  progress: z.number().int().min(0).max(100),
  total: z.number().int(),
  done: z.number().int(),
  formats: z.array(FormatSchema),
  message: z.string().nullable(),
  error: z.string().nullable(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type Job = z.infer<typeof JobSchema>;

const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "must be a colour such as #1c7ed6" });
export const BrandingSchema = z.object({
  colour: z.string(),
  classification: z.string(),
  logo: z.object({ type: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
  version: z.number().int().describe("0 until first saved"),
});
export const BrandingInputSchema = z.strictObject({
  colour: HexColour,
  classification: z.string().trim().min(1, { error: "must not be empty" }).max(60, { error: "must be at most 60 characters" }),
  version: z.number().int().min(0).describe("the version you read; 0 while nothing is saved"),
});
const Base64 = z
  .string()
  .min(1, { error: "must not be empty" })
  .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: "must be base64" });
export const LogoInputSchema = z.strictObject({
  type: z.enum(["image/png", "image/jpeg"], { error: "must be image/png or image/jpeg" }),
  contentBase64: Base64.describe("the image's bytes, base64-encoded (at most 256 KiB)"),
});
export const TemplateInputSchema = z.strictObject({
  filename: z.string().trim().min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" }),
  contentBase64: Base64.describe("a DOCX file with placeholders such as {{title}} and {{body}}, base64-encoded"),
});
