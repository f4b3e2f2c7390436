import { z } from "zod";
import { deliverablePolicy, orgPolicy } from "../core/access/policies.js";
import { FORMATS, MEDIA_TYPES } from "../core/deliverables/freshness.js";
import { IdSchema, OkSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

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

const RENDER_MEDIA_TYPES = Object.values(MEDIA_TYPES) as [string, ...string[]];
const deliverableTags = ["deliverables"];
export const deliverableEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "Every deliverable of the process with its availability and freshness (stale: the data changed since the last issued version)",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(DeliverableSchema) }),
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/:deliverableId",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "One deliverable",
    params: DeliverableParamsSchema,
    response: DeliverableSchema,
  }),
  render: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/:deliverableId/render",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "The deliverable generated now from the live data (a draft), as docx, pdf, xlsx or md",
    params: DeliverableParamsSchema,
    query: RenderQuerySchema,
    response: fileResponse(...RENDER_MEDIA_TYPES),
  }),
  issues: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/:deliverableId/issues",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "Issued versions of a deliverable, newest first",
    params: DeliverableParamsSchema,
    response: z.object({ items: z.array(IssueSchema) }),
  }),
  issue: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/deliverables/:deliverableId/issues",
    access: access.org(deliverablePolicy, "issue"),
    tags: deliverableTags,
    summary:
      "Issue the deliverable as it stands as its next version: each format's file is stored with its SHA-256, the content hash and who issued it",
    params: DeliverableParamsSchema,
    body: IssueInputSchema,
    response: z.object({ items: z.array(IssueSchema) }),
    status: 201,
  }),
  issueFile: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/:deliverableId/issues/:issueId/file",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "The stored file of an issued version",
    params: IssueParamsSchema,
    response: fileResponse(...RENDER_MEDIA_TYPES),
  }),
  uploadTemplate: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/deliverables/:deliverableId/template",
    access: access.org(deliverablePolicy, "manage"),
    tags: deliverableTags,
    summary:
      "Upload the organization's own DOCX template for the deliverable: {{title}}, {{identifier}}, {{version}}, {{status}}, {{owner}}, {{classification}}, {{organization}}, {{generated}}, {{content_hash}}, {{approved_by}}, {{approved_on}}, {{approved_hash}} and {{body}} are replaced",
    params: DeliverableParamsSchema,
    body: TemplateInputSchema,
    response: OkSchema,
  }),
  removeTemplate: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/deliverables/:deliverableId/template",
    access: access.org(deliverablePolicy, "manage"),
    tags: deliverableTags,
    summary: "Go back to the built-in layout",
    params: DeliverableParamsSchema,
    response: OkSchema,
  }),
  startPack: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/deliverables/packs",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary:
      "Start generating the certification pack: one ZIP with every available deliverable in the chosen formats and an index; poll the job",
    params: OrgParamsSchema,
    body: PackInputSchema,
    response: JobSchema,
    status: 202,
  }),
  packs: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/packs",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "The latest pack jobs",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(JobSchema) }),
  }),
  pack: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/packs/:jobId",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "A pack job's progress",
    params: JobParamsSchema,
    response: JobSchema,
  }),
  packFile: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/deliverables/packs/:jobId/file",
    access: access.org(deliverablePolicy, "read"),
    tags: deliverableTags,
    summary: "The finished certification pack (ZIP)",
    params: JobParamsSchema,
    response: fileResponse("application/zip"),
  }),
  branding: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/branding",
    access: access.org(orgPolicy, "read"),
    tags: deliverableTags,
    summary: "How documents are branded: colour, classification marking, logo",
    params: OrgParamsSchema,
    response: BrandingSchema,
  }),
  uploadLogo: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/branding/logo",
    access: access.org(orgPolicy, "update"),
    tags: deliverableTags,
    summary: "Set the logo printed in every document's header (PNG or JPEG, at most 256 KiB)",
    params: OrgParamsSchema,
    body: LogoInputSchema,
    response: BrandingSchema,
  }),
  removeLogo: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/branding/logo",
    access: access.org(orgPolicy, "update"),
    tags: deliverableTags,
    summary: "Remove the logo",
    params: OrgParamsSchema,
    response: BrandingSchema,
  }),
  updateBranding: updateEndpoints({
    path: "/orgs/:orgId/branding",
    access: access.org(orgPolicy, "update"),
    tags: deliverableTags,
    summary: "the documents' colour and classification marking",
    params: OrgParamsSchema,
    body: BrandingInputSchema,
    response: BrandingSchema,
  }),
};
