import { z } from "zod";
import { approvalPolicy } from "../core/access/policies.js";
import { IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "revoked"] as const;

const Comment = z.string().trim().max(4000, { error: "must be at most 4000 characters" });

/** One entry of a change list (`Change` in src/core/approvals/changes.ts). */
export const ChangeSchema = z.object({
  path: z.string().describe("where in the snapshot, list items addressed by id, e.g. costs[<id>].amount"),
  record: z
    .object({
      list: z.string().describe("the list the record is in, e.g. costs, risks"),
      id: z.string(),
      ref: z.string().nullable(),
      title: z.string().nullable(),
    })
    .nullable()
    .describe("the list item the change is in, named by its reference and title; null for a field outside any list"),
  field: z.string().describe("the field within the record, e.g. residual.level; empty when a whole record is added or removed"),
  before: z.unknown(),
  after: z.unknown(),
  kind: z.enum(["changed", "added", "removed", "reordered"]),
  note: z.string().optional().describe("why the change is less precise than usual, e.g. a snapshot stored before list items had ids"),
});

export const ApprovalSchema = z.object({
  id: IdSchema,
  gateId: z.string(),
  activityId: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  stale: z.boolean().describe("approved, but what was approved has changed since"),
  artifactHash: z.string(),
  requestedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  requestedAt: TimestampSchema,
  requestComment: z.string().nullable(),
  decidedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  decidedAt: TimestampSchema.nullable(),
  decisionComment: z.string().nullable(),
  revokedAt: TimestampSchema.nullable(),
  revokeReason: z.string().nullable(),
  separationOfDutiesOff: z.boolean().describe("the decision was taken while separation of duties was off"),
  version: z.number().int(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalDetailSchema = ApprovalSchema.extend({
  snapshot: z.unknown().describe("exactly what was submitted for approval"),
  changes: z.array(ChangeSchema).describe("what differs between the snapshot and the data now; empty when nothing changed"),
});

export const ApprovalListQuerySchema = z.object({
  ...PageQuery,
  gateId: z.string().max(10).optional(),
  status: z.enum(APPROVAL_STATUSES).optional(),
});

export const GateParamsSchema = z.strictObject({
  orgId: IdSchema,
  gateId: z.string().regex(/^G\d{1,2}$/, { error: "is not a gate id such as G1" }),
});
export const ApprovalParamsSchema = z.strictObject({ orgId: IdSchema, approvalId: IdSchema });

export const RequestApprovalSchema = z.strictObject({ comment: Comment.nullable().default(null) });
export const DecideApprovalSchema = z.strictObject({
  comment: Comment.nullable().default(null),
  version: z.number().int().min(1),
});
export const RevokeApprovalSchema = z.strictObject({
  reason: Comment.min(1, { error: "is required: say why the approval is revoked" }),
  version: z.number().int().min(1),
});

export const GateArtifactSchema = z.object({
  gateId: z.string(),
  activityId: z.string(),
  snapshot: z.unknown(),
  hash: z.string(),
  ready: z.boolean().describe("the activity's completion checks hold, so approval may be requested"),
  latest: ApprovalSchema.nullable(),
  changes: z.array(ChangeSchema).describe("against the latest approved snapshot"),
});

export const SOD_PROPOSAL_STATUSES = ["pending", "approved", "rejected"] as const;

/** A proposal to change separation of duties: an administrator proposes, an approver (someone else) decides. */
export const SodProposalSchema = z.object({
  id: IdSchema,
  separationOfDuties: z.boolean().describe("the setting proposed"),
  reason: z.string(),
  status: z.enum(SOD_PROPOSAL_STATUSES),
  proposedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  proposedAt: TimestampSchema,
  decidedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  decidedAt: TimestampSchema.nullable(),
  decisionComment: z.string().nullable(),
  version: z.number().int(),
});
export type SodProposal = z.infer<typeof SodProposalSchema>;

export const ProposeSodSchema = z.strictObject({
  separationOfDuties: z.boolean(),
  reason: Comment.min(1, { error: "is required: say why the setting should change" }),
});
export const SodProposalParamsSchema = z.strictObject({ orgId: IdSchema, proposalId: IdSchema });

export const ApprovalCoverageQuerySchema = z
  .strictObject({
    recordId: z.string().min(1).max(100).optional().describe("a register item's id (a cost line, a risk)"),
    document: z
      .string()
      .regex(/^[a-z][a-z-]{0,59}(\/[a-z][a-z-]{0,59})?$/, { error: "is not a document path such as business-case or scope/narrative" })
      .optional()
      .describe("a document the organization has one of, by its path: business-case"),
  })
  .refine((q) => (q.recordId === undefined) !== (q.document === undefined), {
    error: "give either recordId or document",
    path: ["recordId"],
  });

export const ApprovalCoverageSchema = z.object({
  approvals: z
    .array(
      z.object({
        kind: z.enum(["gate", "risk-decision"]),
        gateId: z.string().nullable(),
        label: z.string().describe('e.g. "the approval of G3", "the residual risk acceptance"'),
        fields: z.array(z.string()).describe("the record's fields the approval covers, by the names the record's input uses"),
      }),
    )
    .describe("the approvals valid now that a saved change to one of the fields would make stale"),
});
export type ApprovalCoverage = z.infer<typeof ApprovalCoverageSchema>;

export const ProcessSettingsSchema = z.object({
  separationOfDuties: z.boolean().describe("the requester of an approval may not decide it"),
  pendingChange: SodProposalSchema.nullable().describe("a proposed change of separation of duties waiting for an approver's decision"),
  version: z.number().int(),
});
export const ProcessSettingsInputSchema = z.strictObject({ separationOfDuties: z.boolean(), version: z.number().int().min(0) });

export const approvalEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/approvals",
    access: access.org(approvalPolicy, "read"),
    tags: ["approvals"],
    summary: "Approval requests, newest first",
    params: OrgParamsSchema,
    query: ApprovalListQuerySchema,
    response: pageOf(ApprovalSchema),
  }),
  gate: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/gates/:gateId",
    access: access.org(approvalPolicy, "read"),
    tags: ["approvals"],
    summary: "What a gate would approve now, its latest request, and what changed since the last approval",
    params: GateParamsSchema,
    response: GateArtifactSchema,
  }),
  covering: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/approvals/covering",
    access: access.org(approvalPolicy, "read"),
    tags: ["approvals"],
    summary: "The valid approvals (gates, risk decisions) a change to a record or document would make stale, with the fields they cover",
    params: OrgParamsSchema,
    query: ApprovalCoverageQuerySchema,
    response: ApprovalCoverageSchema,
  }),
};
