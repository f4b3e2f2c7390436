import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { IdSchema, OkSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";

/** What an evidence file may be attached to. */
export const EVIDENCE_ENTITY_TYPES = ["document", "control", "task", "finding", "risk"] as const;

export const EvidenceTargetSchema = z.object({
  entityType: z.enum(EVIDENCE_ENTITY_TYPES, { error: `must be one of ${EVIDENCE_ENTITY_TYPES.join(", ")}` }),
  entityId: z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(100, { error: "must be at most 100 characters" })
    .describe("the record's id, or a control's id such as A.5.15"),
});

export const EvidenceUploadQuerySchema = EvidenceTargetSchema.extend({
  filename: z.string().trim().min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" }),
});

export const EvidenceFileSchema = z.object({
  id: IdSchema,
  entityType: z.string(),
  entityId: z.string(),
  filename: z.string(),
  contentType: z.string().describe("detected from the file's bytes, never from its name"),
  sizeBytes: z.number().int(),
  sha256: z.string().describe("hex SHA-256 of the file's bytes"),
  uploadedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  createdAt: TimestampSchema,
  version: z.number().int(),
});

export const EvidenceParamsSchema = z.strictObject({ orgId: IdSchema, fileId: IdSchema });

const evidenceTags = ["evidence"];
export const evidenceEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/evidence",
    access: access.org(registerPolicy, "read"),
    tags: evidenceTags,
    summary: "The evidence files attached to a record",
    params: OrgParamsSchema,
    query: EvidenceTargetSchema,
    response: z.object({ items: z.array(EvidenceFileSchema) }),
  }),
  upload: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/evidence",
    access: access.org(registerPolicy, "write"),
    tags: evidenceTags,
    summary: `Upload an evidence file as the raw request body (at most ISMS_EVIDENCE_MAX_BYTES bytes); its type is taken from its bytes and executables are refused`,
    params: OrgParamsSchema,
    query: EvidenceUploadQuerySchema,
    response: EvidenceFileSchema,
    status: 201,
  }),
  content: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/evidence/:fileId/content",
    access: access.org(registerPolicy, "read"),
    tags: evidenceTags,
    summary: "Download an evidence file: always as an attachment, never shown inline",
    params: EvidenceParamsSchema,
    response: fileResponse("application/octet-stream"),
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/evidence/:fileId",
    access: access.org(registerPolicy, "write"),
    tags: evidenceTags,
    summary: "Remove an evidence file",
    params: EvidenceParamsSchema,
    response: OkSchema,
  }),
};
