import { z } from "zod";
import { approvalPolicy, registerPolicy } from "../core/access/policies.js";
import { Label, OptionalText } from "./assets.js";
import { IdSchema, OkSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { registerEndpoints, updateEndpoints } from "./register.js";

export const ControlSourceSchema = z.enum(["annex-a", "custom"]);
export const ControlSchema = z.object({
  id: z.string().describe("A.5.1 for an Annex A control; the custom control's UUID otherwise"),
  source: ControlSourceSchema,
  ref: z.string(),
  title: z.string(),
  group: z.string().nullable().describe("the Annex A theme, or the custom control's category"),
});
export type Control = z.infer<typeof ControlSchema>;

export const CustomControlSchema = z.object({
  id: IdSchema,
  ref: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export const CustomControlInputSchema = z.strictObject({
  ref: z
    .string()
    .trim()
    .regex(/^(?!A\.)[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
      error: "must be a short identifier such as CC-01 (letters, digits, . _ -), not starting with A.",
    }),
  title: Label(300),
  description: OptionalText(4000),
  category: OptionalText(100),
});

/** Controls the organization defines beyond Annex A: a plain register. */
export const customControlEndpoints = registerEndpoints({
  path: "custom-controls",
  entity: "custom control",
  tags: ["controls"],
  item: CustomControlSchema,
  input: CustomControlInputSchema,
});

export const ImplementationSchema = z.enum(["not_started", "planned", "partial", "implemented"], {
  error: "must be not_started, planned, partial or implemented",
});
export const SoaDecisionSchema = z.enum(["include", "exclude"], { error: "must be include or exclude" });

const RiskRef = z.object({ id: IdSchema, ref: z.string(), title: z.string() });
const RequirementRef = z.object({ id: IdSchema, title: z.string(), kind: z.enum(["requirement", "obligation"]) });

export const SoaRowSchema = z.object({
  control: ControlSchema,
  applicable: z.boolean().nullable().describe("null while undecided"),
  basis: z.enum(["risks", "requirements", "decision", "excluded", "undecided"]).describe("what makes it applicable or not"),
  decision: SoaDecisionSchema.nullable().describe("a recorded decision; risks and requirements include a control on their own"),
  risks: z.array(RiskRef).describe("open risks treated with this control (the first 25)"),
  riskCount: z.number().int(),
  requirements: z.array(RequirementRef),
  justification: z.string().describe("computed from the links, plus the note; for an exclusion, the recorded justification"),
  note: z.string().nullable(),
  implementation: ImplementationSchema,
  owner: z.string().nullable(),
  problems: z.array(z.string()),
  version: z.number().int().describe("0 while nothing is recorded for the control"),
});
export type SoaRow = z.infer<typeof SoaRowSchema>;

export const SoaSchema = z.object({
  rows: z.array(SoaRowSchema),
  summary: z.object({
    controls: z.number().int(),
    applicable: z.number().int(),
    excluded: z.number().int(),
    undecided: z.number().int(),
    implemented: z.number().int(),
    problems: z.number().int(),
  }),
  hash: z.string().describe("SHA-256 of the decisions as they are now"),
  issued: z
    .object({ number: z.number().int(), hash: z.string(), createdAt: TimestampSchema, matches: z.boolean() })
    .nullable()
    .describe("the latest issued version, and whether the SoA still matches it"),
});

export const SoaEntryInputSchema = z.strictObject({
  decision: SoaDecisionSchema.nullable().default(null),
  justification: OptionalText(4000).describe("required to exclude; otherwise a note added to the computed justification"),
  implementation: ImplementationSchema.default("not_started"),
  owner: OptionalText(200),
  requirementIds: z.array(IdSchema).max(100).default([]).describe("requirements and obligations that call for this control"),
  version: z.number().int().min(0).describe("the version you read; 0 while nothing is recorded"),
});
export const SoaBulkInputSchema = z.strictObject({
  controlIds: z.array(z.string().min(1).max(100)).min(1, { error: "must name at least one control" }).max(300),
  decision: SoaDecisionSchema,
  justification: Label(4000).describe("the note of each inclusion, or the justification of each exclusion"),
});
export const SoaBulkResultSchema = z.object({ updated: z.number().int() });
export const SoaControlParamsSchema = z.strictObject({ orgId: IdSchema, controlId: z.string().min(1).max(100) });

export const SoaVersionSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  hash: z.string(),
  note: z.string().nullable(),
  issuedBy: z.string(),
  createdAt: TimestampSchema,
});
export const SoaVersionDetailSchema = SoaVersionSchema.extend({ rows: z.array(SoaRowSchema) });
export const SoaVersionInputSchema = z.strictObject({ note: OptionalText(2000) });
export const SoaVersionParamsSchema = z.strictObject({ orgId: IdSchema, number: z.coerce.number().int().min(1) });

export const TreatmentPlanSchema = z.object({
  rows: z.array(
    z.object({
      risk: RiskRef,
      treatment: z.string(),
      plan: z.string().nullable(),
      controls: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
      owner: z.string().nullable(),
      due: z.string().nullable(),
      currentLevel: z.string().nullable(),
      currentLevelColour: z.string().nullable(),
      expectedResidualLevel: z.string().nullable(),
      expectedResidualColour: z.string().nullable(),
      approval: z.enum(["none", "valid", "stale"]).describe("the risk owner's approval of this plan"),
    }),
  ),
});

export const soaEndpoints = {
  /** A control's entry: `PUT` and `PATCH` of /orgs/:orgId/soa/controls/:controlId. */
  entry: updateEndpoints({
    path: "/orgs/:orgId/soa/controls/:controlId",
    access: access.org(registerPolicy, "write"),
    tags: ["statement of applicability"],
    summary:
      "a control's SoA entry: its decision (include with a note, exclude with a justification), implementation status, owner and requirements",
    params: SoaControlParamsSchema,
    body: SoaEntryInputSchema,
    response: OkSchema,
  }),
  read: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/soa",
    access: access.org(registerPolicy, "read"),
    tags: ["statement of applicability"],
    summary: "Every control with its applicability, the justification computed from risks and requirements, status and owner",
    params: OrgParamsSchema,
    response: SoaSchema,
  }),
  bulk: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/soa/bulk",
    access: access.org(registerPolicy, "write"),
    tags: ["statement of applicability"],
    summary:
      "Include or exclude several controls with one note or justification; all or nothing (a control a treatment uses cannot be excluded)",
    params: OrgParamsSchema,
    body: SoaBulkInputSchema,
    response: SoaBulkResultSchema,
  }),
  versions: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/soa/versions",
    access: access.org(registerPolicy, "read"),
    tags: ["statement of applicability"],
    summary: "Issued SoA versions, newest first",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(SoaVersionSchema) }),
  }),
  issue: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/soa/versions",
    access: access.org(approvalPolicy, "request"),
    tags: ["statement of applicability"],
    summary: "Issue the SoA as it stands as a new version for management approval at G3; refused while a control is undecided",
    params: OrgParamsSchema,
    body: SoaVersionInputSchema,
    response: SoaVersionSchema,
    status: 201,
  }),
  version: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/soa/versions/:number",
    access: access.org(registerPolicy, "read"),
    tags: ["statement of applicability"],
    summary: "One issued SoA version as it was frozen",
    params: SoaVersionParamsSchema,
    response: SoaVersionDetailSchema,
  }),
  treatmentPlan: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/treatment-plan",
    access: access.org(registerPolicy, "read"),
    tags: ["statement of applicability"],
    summary:
      "The risk treatment plan: per treated risk, the controls, owner, target date, expected residual level and the owner's approval",
    params: OrgParamsSchema,
    response: TreatmentPlanSchema,
  }),
  controls: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/controls",
    access: access.org(registerPolicy, "read"),
    tags: ["controls"],
    summary: "Every control risks can be treated with: ISO/IEC 27001:2022 Annex A (identifiers and titles) and the custom controls",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(ControlSchema) }),
  }),
};
