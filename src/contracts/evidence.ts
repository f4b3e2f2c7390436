import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common.js";

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
