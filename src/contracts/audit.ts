import { z } from "zod";
import { auditPolicy } from "../core/access/policies.js";
import { IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

export const AuditEventSchema = z.object({
  id: IdSchema,
  seq: z.number().int(),
  at: TimestampSchema,
  actor: z.object({
    type: z.enum(["user", "token", "system"]),
    id: z.string().nullable(),
    label: z.string().nullable(),
  }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  entityLabel: z
    .string()
    .nullable()
    .describe('the record\'s reference and title as its events in the trail name it, e.g. "R-0003 Payroll data leaked"'),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditListQuerySchema = z.object({
  ...PageQuery,
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: IdSchema.optional(),
  from: z.iso.datetime({ error: "must be an ISO-8601 date-time" }).optional(),
  to: z.iso.datetime({ error: "must be an ISO-8601 date-time" }).optional(),
});

export const AuditActionsSchema = z.object({
  items: z.array(z.object({ action: z.string(), label: z.string() })).describe("the actions the organization's trail holds, with labels"),
});

export const AuditVerifySchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  brokenAt: z.object({ id: z.string(), seq: z.number().int(), reason: z.string() }).nullable(),
  signed: z
    .boolean()
    .describe(
      "the chain head carries a valid signature of the instance's audit key, kept outside the database; false when no key is configured",
    ),
});

export const CHECKPOINT_FORMAT = "isms-audit-checkpoint/1";

/** A file `isms audit checkpoint` writes and `isms audit verify --checkpoint` reads: signed chain heads, kept outside the database. */
export const AuditCheckpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT, { error: `is not an ISMS audit checkpoint (format ${CHECKPOINT_FORMAT})` }),
  keyId: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  chains: z.array(
    z.object({
      chain: z.string(),
      seq: z.number().int().min(0),
      headHash: z.string(),
      at: z.string(),
      signature: z.string(),
    }),
  ),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;

const tags = ["audit"];

/** The audit trail's endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const auditEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audit",
    access: access.org(auditPolicy, "read"),
    tags,
    summary: "The organization's audit trail, newest first",
    params: OrgParamsSchema,
    query: AuditListQuerySchema,
    response: pageOf(AuditEventSchema),
  }),
  actions: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audit/actions",
    access: access.org(auditPolicy, "read"),
    tags,
    summary: "The actions the organization's audit trail holds, each with a label, for the log's filter",
    params: OrgParamsSchema,
    response: AuditActionsSchema,
  }),
  verify: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audit/verify",
    access: access.org(auditPolicy, "verify"),
    tags,
    summary: "Verify the audit trail's hash chain: intact, or the first broken event",
    params: OrgParamsSchema,
    response: AuditVerifySchema,
  }),
};
