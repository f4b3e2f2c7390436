import { z } from "zod";
import { approvalPolicy, processPolicy, registerPolicy } from "../core/access/policies.js";
import {
  DecideApprovalSchema,
  ProcessSettingsInputSchema,
  ProcessSettingsSchema,
  ProposeSodSchema,
  SodProposalParamsSchema,
  SodProposalSchema,
} from "./approvals.js";
import { IdSchema, OkSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { ProjectRoleInputSchema, ProjectRoleParamsSchema, ProjectRoleSchema } from "./mandate.js";
import { updateEndpoints } from "./register.js";

export const ActivityStatusSchema = z.enum(["blocked", "ready", "in_progress", "complete", "approved", "not_applicable"]);
export const GateStateSchema = z.enum(["none", "pending", "approved", "stale", "rejected", "revoked"]);

const LinkSchema = z.object({ register: z.string(), id: z.string().optional() });
const CheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  ok: z.boolean(),
  missing: z.array(z.object({ message: z.string(), link: LinkSchema })),
});

export const ActivityParamsSchema = z.strictObject({
  orgId: IdSchema,
  activityId: z.string().regex(/^[0-9A-Za-z.]{1,20}$/, { error: "is not an activity id" }),
});

export const NotApplicableInputSchema = z.strictObject({
  justification: z.string().trim().min(1, { error: "is required: say why the activity does not apply" }).max(4000),
});

export const CatalogUploadSchema = z.strictObject({
  format: z.enum(["yaml", "json"]),
  source: z.string().min(1).max(1_000_000).describe("the catalog file's text"),
});

export const CatalogInfoSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  custom: z.boolean().describe("true when the organization runs its own catalog file"),
  uploadedAt: TimestampSchema.nullable(),
});

const ProgressSchema = z.object({ total: z.number().int(), done: z.number().int(), percent: z.number() });

/** The roadmap as the engine in src/core/process derives it, plus each activity's recorded N/A decision. */
export const RoadmapSchema = z.object({
  catalog: CatalogInfoSchema,
  activities: z.array(
    z.object({
      id: z.string(),
      phase: z.string(),
      title: z.string(),
      status: ActivityStatusSchema,
      satisfied: z.boolean().describe("whether activities that depend on this one may proceed"),
      checks: z.array(CheckSchema),
      reasons: z.array(z.string()),
      warnings: z.array(z.object({ kind: z.string(), gate: z.string(), message: z.string(), activity: z.string().optional() })),
      gate: z.object({ id: z.string(), state: GateStateSchema }).nullable(),
      notApplicable: z.object({ justification: z.string() }).nullable(),
    }),
  ),
  phases: z.array(ProgressSchema.extend({ id: z.string(), title: z.string() })),
  overall: ProgressSchema,
  nextActions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(["ready", "in_progress"]),
      message: z.string(),
      link: LinkSchema.nullable(),
    }),
  ),
  criticalPath: z.object({ activities: z.array(z.string()), totalDays: z.number() }),
});
export type Roadmap = z.infer<typeof RoadmapSchema>;

export const processEndpoints = {
  roadmap: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/roadmap",
    access: access.org(processPolicy, "read"),
    tags: ["roadmap"],
    summary: "The implementation roadmap derived from the organization's data now",
    params: OrgParamsSchema,
    response: RoadmapSchema,
  }),
  catalog: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/process/catalog",
    access: access.org(processPolicy, "read"),
    tags: ["roadmap"],
    summary: "The process catalog the organization runs, in full",
    params: OrgParamsSchema,
    response: z.object({ info: CatalogInfoSchema, catalog: z.unknown() }),
  }),
  uploadCatalog: defineEndpoint({
    method: "PUT",
    path: "/orgs/:orgId/process/catalog",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "Run the organization on its own catalog file (YAML or JSON); refused with every problem listed if invalid",
    params: OrgParamsSchema,
    body: CatalogUploadSchema,
    response: CatalogInfoSchema,
  }),
  resetCatalog: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/process/catalog",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "Go back to the shipped catalog",
    params: OrgParamsSchema,
    response: CatalogInfoSchema,
  }),
  settings: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/process/settings",
    access: access.org(processPolicy, "read"),
    tags: ["roadmap"],
    summary: "Process settings",
    params: OrgParamsSchema,
    response: ProcessSettingsSchema,
  }),
  updateSettings: updateEndpoints({
    path: "/orgs/:orgId/process/settings",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "the process settings (turning separation of duties off needs an approver's decision: propose it)",
    params: OrgParamsSchema,
    body: ProcessSettingsInputSchema,
    response: ProcessSettingsSchema,
  }),
  proposeSod: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/process/settings/separation-of-duties/proposals",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "Propose a change of separation of duties; it takes effect when an approver other than you approves it",
    params: OrgParamsSchema,
    body: ProposeSodSchema,
    response: SodProposalSchema,
    status: 201,
  }),
  approveSod: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/process/settings/separation-of-duties/proposals/:proposalId/approve",
    access: access.org(approvalPolicy, "decide"),
    tags: ["roadmap"],
    summary: "Approve a proposed change of separation of duties",
    params: SodProposalParamsSchema,
    body: DecideApprovalSchema,
    response: SodProposalSchema,
  }),
  rejectSod: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/process/settings/separation-of-duties/proposals/:proposalId/reject",
    access: access.org(approvalPolicy, "decide"),
    tags: ["roadmap"],
    summary: "Reject a proposed change of separation of duties",
    params: SodProposalParamsSchema,
    body: DecideApprovalSchema,
    response: SodProposalSchema,
  }),
  markNotApplicable: defineEndpoint({
    method: "PUT",
    path: "/orgs/:orgId/activities/:activityId/not-applicable",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "Mark an activity not applicable, with the justification",
    params: ActivityParamsSchema,
    body: NotApplicableInputSchema,
    response: OkSchema,
  }),
  clearNotApplicable: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/activities/:activityId/not-applicable",
    access: access.org(processPolicy, "manage"),
    tags: ["roadmap"],
    summary: "Make an activity applicable again",
    params: ActivityParamsSchema,
    response: OkSchema,
  }),
  projectRoles: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/project-roles",
    access: access.org(registerPolicy, "read"),
    tags: ["phase 1"],
    summary: "The ISMS project's roles and who holds them",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(ProjectRoleSchema) }),
  }),
  updateProjectRole: updateEndpoints({
    path: "/orgs/:orgId/project-roles/:key",
    access: access.org(registerPolicy, "write"),
    tags: ["phase 1"],
    summary: "who holds a project role",
    params: ProjectRoleParamsSchema,
    body: ProjectRoleInputSchema,
    response: ProjectRoleSchema,
  }),
};
