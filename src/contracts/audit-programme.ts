import { z } from "zod";
import { internalAuditPolicy } from "../core/access/policies.js";
import { IdSchema, OkSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { RegisterItemParamsSchema, registerEndpoints, updateEndpoints } from "./register.js";

/** Text written by people: trimmed, bounded. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const Required = (max: number) => Text(max).min(1, { error: "must not be empty" });
const IsoDate = z.iso.date({ error: "must be a date like 2027-03-31" });
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` });
const Item = { id: IdSchema, createdAt: TimestampSchema, updatedAt: TimestampSchema, version: z.number().int() };
const Person = z.object({ id: IdSchema, name: z.string() });
const Ref = z.string().trim().min(1, { error: "must not be empty" }).max(60, { error: "must be at most 60 characters" });

export const AUDIT_STATUSES = ["planned", "in_progress", "completed"] as const;
export const FINDING_KINDS = ["major_nc", "minor_nc", "observation", "opportunity"] as const;

export const ProgrammeSchema = z.object({
  ...Item,
  title: z.string(),
  cycleStart: z.string(),
  cycleYears: z.number().int(),
  cycleEnd: z.string(),
  objectives: z.string().nullable(),
});
export const ProgrammeInputSchema = z.strictObject({
  title: Required(200),
  cycleStart: IsoDate.describe("the first day of the cycle"),
  cycleYears: z.number().int().min(1, { error: "must be 1 to 5 years" }).max(5, { error: "must be 1 to 5 years" }).default(3),
  objectives: Text(4000).nullable().default(null),
});

/** The programme over a cycle: a plain register, planned by those who plan audits. */
export const programmeEndpoints = registerEndpoints({
  path: "audit-programmes",
  entity: "audit programme",
  tags: ["internal audit"],
  item: ProgrammeSchema,
  input: ProgrammeInputSchema,
  access: { read: access.org(internalAuditPolicy, "read"), write: access.org(internalAuditPolicy, "plan") },
});

export const AuditScopeSchema = z.strictObject({
  clauses: z
    .array(Ref)
    .max(100, { error: "must name at most 100 clauses" })
    .default([])
    .describe("clause numbers 4–10; a heading covers its sub-clauses"),
  controls: z
    .array(Ref)
    .max(500, { error: "must name at most 500 controls" })
    .default([])
    .describe("control ids (A.5.15, or a custom control's id)"),
  areas: z
    .array(IdSchema)
    .max(200, { error: "must name at most 200 areas" })
    .default([])
    .describe("scope elements: processes, sites, units"),
});

export const AuditSchema = z.object({
  ...Item,
  programmeId: IdSchema,
  ref: z.string(),
  title: z.string(),
  scope: z.object({ clauses: z.array(z.string()), controls: z.array(z.string()), areas: z.array(z.string()) }),
  criteria: z.string().nullable(),
  leadAuditor: Person.nullable(),
  team: z.array(Person),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  plan: z.string().nullable(),
  status: z.enum(AUDIT_STATUSES),
  conclusion: z.string().nullable(),
  reportIssuedAt: TimestampSchema.nullable(),
  findings: z.number().int(),
});
export const AuditInputSchema = z.strictObject({
  programmeId: IdSchema,
  title: Required(200),
  scope: AuditScopeSchema,
  criteria: Text(4000).nullable().default(null),
  leadAuditorUserId: IdSchema.nullable().default(null),
  teamUserIds: z.array(IdSchema).max(20, { error: "must name at most 20 auditors" }).default([]),
  startDate: IsoDate.nullable().default(null),
  endDate: IsoDate.nullable().default(null),
  plan: Text(20_000).nullable().default(null),
  status: z.enum(AUDIT_STATUSES, oneOf(AUDIT_STATUSES)).default("planned"),
  conclusion: Text(20_000).nullable().default(null),
});
export const AuditParamsSchema = z.strictObject({ orgId: IdSchema, auditId: IdSchema });
export const AuditListQuerySchema = z.object({ ...PageQuery, programmeId: IdSchema.optional() });

const ChecklistDocument = z.object({ id: z.string(), identifier: z.string(), title: z.string() });
export const ChecklistLineSchema = z.object({
  id: z.string(),
  kind: z.enum(["clause", "control", "area"]),
  ref: z.string(),
  title: z.string(),
  prompt: z.string(),
  implementation: z.string().nullable(),
  owner: z.string().nullable(),
  evidence: z.string().nullable(),
  documents: z.array(ChecklistDocument),
});
export const ChecklistSchema = z.object({ lines: z.array(ChecklistLineSchema) });

export const FindingSchema = z.object({
  ...Item,
  auditId: IdSchema,
  ref: z.string(),
  kind: z.enum(FINDING_KINDS),
  target: z.string().describe("the clause number or control id it is about"),
  title: z.string(),
  description: z.string().nullable(),
  evidence: z.string().nullable().describe("where the evidence is; files attach to entity type 'finding' and this id"),
  nonconformity: z.object({ id: IdSchema, ref: z.string(), status: z.string() }).nullable(),
});
export const FindingInputSchema = z.strictObject({
  kind: z.enum(FINDING_KINDS, oneOf(FINDING_KINDS)),
  target: Ref.describe("a clause number (4–10) or a control id"),
  title: Required(200),
  description: Text(10_000).nullable().default(null),
  evidence: Text(4000).nullable().default(null),
});
export const FindingParamsSchema = z.strictObject({ orgId: IdSchema, findingId: IdSchema });

export const CoverageRowSchema = z.object({
  kind: z.enum(["clause", "control"]),
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  priority: z.enum(["high", "normal"]),
  reasons: z.array(z.string()),
  audits: z.array(z.object({ id: z.string(), ref: z.string(), start: z.string(), status: z.string() })),
  planned: z.boolean(),
});
export const CoverageSchema = z.object({
  programme: ProgrammeSchema,
  rows: z.array(CoverageRowSchema),
  summary: z.object({
    clauses: z.object({ total: z.number(), planned: z.number() }),
    controls: z.object({ total: z.number(), planned: z.number() }),
  }),
});

export const ReportSchema = z.object({
  auditId: IdSchema,
  ref: z.string(),
  issuedAt: TimestampSchema,
  issuedBy: Person,
  hash: z.string(),
  content: z.object({
    audit: z.object({
      id: z.string(),
      ref: z.string(),
      title: z.string(),
      scope: z.object({ clauses: z.array(z.string()), controls: z.array(z.string()), areas: z.array(z.string()) }),
      criteria: z.string().nullable(),
      leadAuditor: Person.nullable(),
      team: z.array(Person),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      conclusion: z.string().nullable(),
    }),
    checklist: z.array(ChecklistLineSchema),
    findings: z.array(
      z.object({
        id: z.string(),
        ref: z.string(),
        kind: z.string(),
        target: z.string(),
        title: z.string(),
        description: z.string().nullable(),
        evidence: z.string().nullable(),
      }),
    ),
  }),
});
export const IssueReportSchema = z.strictObject({ version: VersionSchema });

export type Programme = z.infer<typeof ProgrammeSchema>;
export type Audit = z.infer<typeof AuditSchema>;
export type Finding = z.infer<typeof FindingSchema>;

const auditProgrammeTags = ["internal audit"];
export const auditProgrammeEndpoints = {
  /** `PUT` and `PATCH` of one audit. */
  updateAudit: updateEndpoints({
    path: "/orgs/:orgId/audits/:auditId",
    access: access.org(internalAuditPolicy, "plan"),
    tags: auditProgrammeTags,
    summary: "an audit",
    params: AuditParamsSchema,
    body: AuditInputSchema.extend({ version: z.number().int().min(1) }),
    response: AuditSchema,
  }),
  /** `PUT` and `PATCH` of one finding. */
  updateFinding: updateEndpoints({
    path: "/orgs/:orgId/findings/:findingId",
    access: access.org(internalAuditPolicy, "record"),
    tags: auditProgrammeTags,
    summary: "a finding",
    params: FindingParamsSchema,
    body: FindingInputSchema.extend({ version: z.number().int().min(1) }),
    response: FindingSchema,
  }),
  coverage: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audit-programmes/:itemId/coverage",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "What the programme's audits cover in its cycle, and what is not planned yet",
    params: RegisterItemParamsSchema,
    response: CoverageSchema,
  }),
  audits: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audits",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "List audits",
    params: z.strictObject({ orgId: z.uuid() }),
    query: AuditListQuerySchema,
    response: pageOf(AuditSchema),
  }),
  createAudit: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/audits",
    access: access.org(internalAuditPolicy, "plan"),
    tags: auditProgrammeTags,
    summary: "Plan an audit (auditors are checked for independence)",
    params: z.strictObject({ orgId: z.uuid() }),
    body: AuditInputSchema,
    response: AuditSchema,
    status: 201,
  }),
  audit: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audits/:auditId",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "One audit",
    params: AuditParamsSchema,
    response: AuditSchema,
  }),
  removeAudit: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/audits/:auditId",
    access: access.org(internalAuditPolicy, "plan"),
    tags: auditProgrammeTags,
    summary: "Remove a planned audit without findings",
    params: AuditParamsSchema,
    response: OkSchema,
  }),
  checklist: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audits/:auditId/checklist",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "The checklist generated from the audit's scope",
    params: AuditParamsSchema,
    response: ChecklistSchema,
  }),
  saveReport: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/audits/:auditId/report",
    access: access.org(internalAuditPolicy, "record"),
    tags: auditProgrammeTags,
    summary: "Issue the audit report (lead auditor only): freezes the audit, its checklist and findings",
    params: AuditParamsSchema,
    body: IssueReportSchema,
    response: ReportSchema,
  }),
  report: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audits/:auditId/report",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "The issued audit report (404 until issued)",
    params: AuditParamsSchema,
    response: ReportSchema,
  }),
  findings: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/audits/:auditId/findings",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "The audit's findings",
    params: AuditParamsSchema,
    response: z.object({ items: z.array(FindingSchema) }),
  }),
  addFinding: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/audits/:auditId/findings",
    access: access.org(internalAuditPolicy, "record"),
    tags: auditProgrammeTags,
    summary: "Record a finding",
    params: AuditParamsSchema,
    body: FindingInputSchema,
    response: FindingSchema,
    status: 201,
  }),
  finding: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/findings/:findingId",
    access: access.org(internalAuditPolicy, "read"),
    tags: auditProgrammeTags,
    summary: "One finding",
    params: FindingParamsSchema,
    response: FindingSchema,
  }),
  removeFinding: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/findings/:findingId",
    access: access.org(internalAuditPolicy, "record"),
    tags: auditProgrammeTags,
    summary: "Remove a finding (not once the report is issued or a nonconformity was raised)",
    params: FindingParamsSchema,
    response: OkSchema,
  }),
};

/** Audits as the register kit takes them: listed and added, changed and removed with their own endpoints. */
export const auditRegister = {
  list: auditProgrammeEndpoints.audits,
  create: auditProgrammeEndpoints.createAudit,
  ...auditProgrammeEndpoints.updateAudit,
  remove: auditProgrammeEndpoints.removeAudit,
};

/** An audit's findings as a register: listed and added under the audit (`auditId`), changed and removed at findings/:findingId. */
export const findingRegister = {
  list: auditProgrammeEndpoints.findings,
  create: auditProgrammeEndpoints.addFinding,
  ...auditProgrammeEndpoints.updateFinding,
  remove: auditProgrammeEndpoints.removeFinding,
};
