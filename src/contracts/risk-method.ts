import { z } from "zod";
import { approvalPolicy, processPolicy } from "../core/access/policies.js";
import { OptionalText } from "./assets.js";
import { IdSchema, OrgParamsSchema, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "must be a colour like #d9480f" });
const Bound = z.number({ error: "must be a number" }).finite({ error: "must be a finite number" }).nullable().default(null);
const Name = z.string().trim().min(1, { error: "must not be empty" }).max(80, { error: "must be at most 80 characters" });
const Description = z.string().trim().max(500, { error: "must be at most 500 characters" }).default("");

export const ScaleLevelSchema = z.strictObject({
  name: Name,
  description: Description,
  colour: Colour,
  lower: Bound.describe("optional numeric lower bound, e.g. events per year or money"),
  upper: Bound,
});
export const RiskLevelDefSchema = z.strictObject({ name: Name, colour: Colour });
export const AcceptanceAuthoritySchema = z.enum(["risk_owner", "isms_manager", "top_management"], {
  error: "must be risk_owner, isms_manager or top_management",
});
export const AcceptanceRuleSchema = z.strictObject({
  authority: AcceptanceAuthoritySchema.describe("who may accept a residual risk at this level"),
  maxMonths: z.number().int({ error: "must be a whole number" }).nullable().default(null).describe("longest acceptance; null for no limit"),
});

/**
 * The shape of a method; whether its parts fit together (grid size, known levels, threshold)
 * is checked by the core's methodProblems so that every problem is reported at once.
 */
export const RiskMethodSchema = z.strictObject({
  likelihood: z
    .array(ScaleLevelSchema)
    .max(10, { error: "must have at most 10 levels" })
    .describe("lowest first; a score is the 1-based position"),
  impact: z.array(ScaleLevelSchema).max(10, { error: "must have at most 10 levels" }),
  levels: z
    .array(RiskLevelDefSchema)
    .max(10, { error: "must have at most 10 levels" })
    .describe("lowest first; a level is its 0-based index"),
  grid: z
    .array(z.array(z.number({ error: "must be a number" })).max(10))
    .max(10)
    .describe("grid[likelihood-1][impact-1] = level index"),
  threshold: z.number({ error: "must be a number" }).describe("highest level that may be retained without an explicit acceptance"),
  acceptance: z.array(AcceptanceRuleSchema).max(10).describe("one rule per level"),
});

export const MethodIssueSchema = z.object({ path: z.string(), message: z.string() });

export const RiskMethodStatusSchema = z.enum(["draft", "approved", "superseded"]);
export const RiskMethodVersionSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  status: RiskMethodStatusSchema,
  definition: RiskMethodSchema,
  note: z.string().nullable(),
  warnings: z.array(MethodIssueSchema).describe("things that are allowed but probably wrong, e.g. a non-monotonic grid"),
  approvedBy: z.string().nullable(),
  approvedAt: TimestampSchema.nullable(),
  approvalComment: z.string().nullable(),
  risksScored: z.number().int().describe("risks scored with this version; a version with scored risks is frozen"),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type RiskMethodVersion = z.infer<typeof RiskMethodVersionSchema>;

export const RiskMethodOverviewSchema = z.object({
  inForce: RiskMethodVersionSchema.nullable().describe("the latest approved version, or the draft while none is approved"),
  approved: z.boolean().describe("whether the version in force is approved"),
  draft: RiskMethodVersionSchema.nullable(),
  versions: z.array(
    z.object({ id: IdSchema, number: z.number().int(), status: RiskMethodStatusSchema, approvedAt: TimestampSchema.nullable() }),
  ),
  defaults: RiskMethodSchema.describe("the 5 × 5 method the product ships"),
});

export const MethodParamsSchema = z.strictObject({ orgId: IdSchema, methodId: IdSchema });
export const MethodDraftInputSchema = z.strictObject({
  definition: RiskMethodSchema.optional().describe("omit to start from the version in force (or the shipped default)"),
  note: OptionalText(2000),
});
export const MethodUpdateSchema = z.strictObject({ definition: RiskMethodSchema, note: OptionalText(2000), version: VersionSchema });
export const MethodApproveSchema = z.strictObject({ comment: OptionalText(2000) });

export const riskMethodEndpoints = {
  /** A draft: `PUT` and `PATCH` of /orgs/:orgId/risk-method/versions/:methodId. */
  draft: updateEndpoints({
    path: "/orgs/:orgId/risk-method/versions/:methodId",
    access: access.org(processPolicy, "manage"),
    tags: ["risk method"],
    summary: "a draft; refused with every problem named when the method does not hold together, and once it has scored risks",
    params: MethodParamsSchema,
    body: MethodUpdateSchema,
    response: RiskMethodVersionSchema,
  }),
  overview: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risk-method",
    access: access.org(processPolicy, "read"),
    tags: ["risk method"],
    summary: "The method in force, the draft being prepared and every version",
    params: OrgParamsSchema,
    response: RiskMethodOverviewSchema,
  }),
  createDraft: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risk-method/versions",
    access: access.org(processPolicy, "manage"),
    tags: ["risk method"],
    summary: "Start a new draft version (from the given definition, else the version in force, else the shipped default)",
    params: OrgParamsSchema,
    body: MethodDraftInputSchema,
    response: RiskMethodVersionSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risk-method/versions/:methodId",
    access: access.org(processPolicy, "read"),
    tags: ["risk method"],
    summary: "One version of the method",
    params: MethodParamsSchema,
    response: RiskMethodVersionSchema,
  }),
  approve: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risk-method/versions/:methodId/approve",
    access: access.org(approvalPolicy, "decide"),
    tags: ["risk method"],
    summary: "Approve a draft (top management): it becomes the method in force, and risks scored with another version need re-scoring",
    params: MethodParamsSchema,
    body: MethodApproveSchema,
    response: RiskMethodVersionSchema,
  }),
};
