import { z } from "zod";
import { registerPolicy, riskDecisionPolicy } from "../core/access/policies.js";
import { QUANT_LIMITS } from "../core/risk/quant.js";
import { ChangeSchema } from "./approvals.js";
import { AssetKindSchema, Label, OptionalText } from "./assets.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { CurrencySchema } from "./orgs.js";
import { registerEndpoints, updateEndpoints } from "./register.js";

const IsoDate = z.iso.date({ error: "must be a date like 2027-03-31" });
const Ref = z.object({ id: IdSchema, ref: z.string(), title: z.string() });

export const RiskKindSchema = z.enum(["asset", "scenario"], { error: "must be asset or scenario" });
export const TreatmentSchema = z.enum(["modify", "retain", "avoid", "share"], { error: "must be modify, retain, avoid or share" });
export const RiskStatusSchema = z.enum(["open", "closed"], { error: "must be open or closed" });
export const ScoreCaseSchema = z.enum(["inherent", "current", "residual"]);

export const ScoreSchema = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  likelihoodName: z.string().nullable(),
  impactName: z.string().nullable(),
  level: z.number().int().describe("computed from the method that scored the risk; never typed"),
  levelName: z.string().nullable(),
  colour: z.string().nullable(),
  rationale: z.string().nullable(),
});
const Score = ScoreSchema.nullable();

// --- quantitative estimates --------------------------------------------------------------------
const amount = (limit: number) =>
  z
    .number({ error: "must be a number" })
    .finite({ error: "must be a finite number" })
    .min(0, { error: "must not be negative" })
    .max(limit, { error: `must be at most ${limit.toLocaleString("en")}` });

/** A calibrated estimate, bounded so that no simulation of it can leave the finite numbers (QUANT_LIMITS). */
const estimateSchema = (limit: number) =>
  z
    .strictObject({
      min: amount(limit),
      mostLikely: amount(limit),
      max: amount(limit),
      confidence: z.enum(["low", "medium", "high"], { error: "must be low, medium or high" }).default("medium"),
    })
    .superRefine((e, ctx) => {
      if (e.mostLikely < e.min) ctx.addIssue({ code: "custom", path: ["mostLikely"], message: "must not be below the minimum" });
      if (e.max < e.mostLikely) ctx.addIssue({ code: "custom", path: ["max"], message: "must not be below the most likely value" });
    });
export const EstimateSchema = estimateSchema(QUANT_LIMITS.magnitude);
export const QuantCaseSchema = z.strictObject({
  frequency: estimateSchema(QUANT_LIMITS.frequency).describe(
    `loss events per year, at most ${QUANT_LIMITS.frequency.toLocaleString("en")}`,
  ),
  magnitude: estimateSchema(QUANT_LIMITS.magnitude).describe(
    `loss per event, in the currency, at most ${QUANT_LIMITS.magnitude.toLocaleString("en")}`,
  ),
});
export const QuantSpecSchema = z.strictObject({
  current: QuantCaseSchema,
  residual: QuantCaseSchema.nullable().default(null).describe("after the planned treatment"),
  annualControlCost: amount(QUANT_LIMITS.annualControlCost).default(0),
  currency: CurrencySchema.optional().describe(
    "ISO 4217 code; left out: the organization's currency, stored with the estimates so that a later change of the organization's currency leaves them as they are",
  ),
});
export type QuantSpec = z.infer<typeof QuantSpecSchema>;

/**
 * The estimates as a response shows them: the same shape without the input bounds, so a risk
 * saved before the bounds existed still reads (its simulation explains why there is no result).
 */
const StoredEstimateSchema = z.object({
  min: z.number(),
  mostLikely: z.number(),
  max: z.number(),
  confidence: z.enum(["low", "medium", "high"]),
});
const StoredQuantCaseSchema = z.object({ frequency: StoredEstimateSchema, magnitude: StoredEstimateSchema });
export const StoredQuantSpecSchema = z.object({
  current: StoredQuantCaseSchema,
  residual: StoredQuantCaseSchema.nullable(),
  annualControlCost: z.number(),
  currency: z.string(),
});
/** Estimates as stored: always with their currency (the organization's when none was given). */
export type StoredQuantSpec = z.infer<typeof StoredQuantSpecSchema>;

export const LossCurvePointSchema = z.object({ loss: z.number(), probability: z.number() });
export const SimulationSummarySchema = z.object({
  iterations: z.number().int(),
  seed: z.number().int(),
  ale: z.number().describe("annualized loss expectancy: the mean annual loss"),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  min: z.number(),
  max: z.number(),
  curve: z.array(LossCurvePointSchema).describe("loss exceedance curve: the probability that the annual loss exceeds each amount"),
});
export const RiskQuantResultSchema = z.object({
  currency: z.string(),
  current: SimulationSummarySchema,
  residual: SimulationSummarySchema.nullable(),
  treatmentValue: z
    .object({ reduction: z.number(), net: z.number(), ratio: z.number().nullable() })
    .nullable()
    .describe("reduction in expected loss against the annual control cost"),
});
export const QuantQuerySchema = z.object({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  iterations: z.coerce.number().int().min(100).max(100_000).default(10_000),
});
export const AggregateQuantSchema = z.object({
  risks: z.number().int().describe("quantified open risks in the aggregate"),
  currencies: z.array(z.string()),
  current: SimulationSummarySchema.nullable(),
  residual: SimulationSummarySchema.nullable(),
  excluded: z
    .array(
      z.object({
        id: IdSchema,
        ref: z.string(),
        title: z.string(),
        errors: z.array(z.object({ field: z.string(), message: z.string() })),
      }),
    )
    .describe("open risks left out because their saved estimates are outside the ranges that can be simulated; edit them to include them"),
});

// --- decisions ---------------------------------------------------------------------------------
export const DecisionKindSchema = z.enum(["treatment", "acceptance"], { error: "must be treatment or acceptance" });
export const RiskDecisionSchema = z.object({
  id: IdSchema,
  kind: DecisionKindSchema,
  authority: z.string().describe("who the decision needed: risk_owner, isms_manager or top_management"),
  decidedBy: z.string(),
  decidedById: IdSchema.nullable().describe("null once the account is gone"),
  decidedAt: TimestampSchema,
  justification: z.string(),
  expiresOn: z.string().nullable(),
  state: z.enum(["valid", "stale", "expired", "revoked"]),
  changes: z.array(ChangeSchema).describe("when stale: what changed in the risk since the decision"),
  revokedAt: TimestampSchema.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type RiskDecision = z.infer<typeof RiskDecisionSchema>;
export const DecisionInputSchema = z.strictObject({
  kind: DecisionKindSchema,
  justification: Label(4000),
  expiresOn: IsoDate.nullable().default(null).describe("acceptances: when it runs out (required; within the method's limit)"),
});
export const RevokeDecisionSchema = z.strictObject({ reason: Label(2000) });

// --- the register ------------------------------------------------------------------------------
export const RiskSchema = z.object({
  id: IdSchema,
  ref: z.string().describe("R-0001, assigned in order of creation"),
  kind: RiskKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  asset: z.object({ id: IdSchema, name: z.string(), kind: AssetKindSchema }).nullable(),
  threat: z.object({ id: IdSchema, title: z.string() }).nullable(),
  vulnerability: z.object({ id: IdSchema, title: z.string() }).nullable(),
  consequence: z.string().nullable(),
  riskSource: z.string().nullable(),
  event: z.string().nullable(),
  affectedAssets: z.array(z.object({ id: IdSchema, name: z.string(), kind: AssetKindSchema })),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  methodId: IdSchema.nullable(),
  methodNumber: z.number().int().nullable(),
  rescoreNeeded: z.boolean().describe("scored with a method version other than the one in force"),
  inherent: Score,
  current: Score,
  residual: Score,
  treatment: TreatmentSchema.nullable(),
  treatmentPlan: z.string().nullable(),
  treatmentOwner: z.string().nullable(),
  treatmentDue: z.string().nullable(),
  controlIds: z.array(z.string()),
  reviewDate: z.string().nullable(),
  reviewOverdue: z.boolean(),
  status: RiskStatusSchema,
  quantified: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Risk = z.infer<typeof RiskSchema>;

export const RiskDetailSchema = RiskSchema.extend({
  quant: StoredQuantSpecSchema.nullable(),
  controls: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
  acceptance: z.object({
    needed: z.boolean().describe("the residual level is above the method's threshold"),
    authority: z.string().nullable(),
    maxMonths: z.number().int().nullable(),
  }),
  treatmentApproval: RiskDecisionSchema.nullable().describe("the latest treatment-plan approval by the risk owner"),
  acceptanceDecision: RiskDecisionSchema.nullable().describe("the latest residual-risk acceptance"),
  history: z.array(RiskDecisionSchema),
});
export type RiskDetail = z.infer<typeof RiskDetailSchema>;

const ScoreInput = z
  .strictObject({
    likelihood: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }),
    impact: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }),
    rationale: OptionalText(4000),
  })
  .nullable()
  .default(null);

const riskFields = {
  kind: RiskKindSchema,
  title: Label(300),
  description: OptionalText(4000),
  assetId: IdSchema.nullable().default(null).describe("asset-based risks: the asset at risk"),
  threatId: IdSchema.nullable().default(null),
  vulnerabilityId: IdSchema.nullable().default(null),
  consequence: OptionalText(4000),
  riskSource: OptionalText(1000).describe("scenario risks: who or what causes it"),
  event: OptionalText(2000).describe("scenario risks: what happens"),
  affectedAssetIds: z.array(IdSchema).max(200).default([]).describe("scenario risks: the business processes and information affected"),
  ownerUserId: IdSchema.nullable().default(null).describe("a member of the organization"),
  inherent: ScoreInput.describe("without any control"),
  current: ScoreInput.describe("with the controls in place today"),
  residual: ScoreInput.describe("expected after the planned treatment"),
  treatment: TreatmentSchema.nullable().default(null),
  treatmentPlan: OptionalText(4000),
  treatmentOwner: OptionalText(200),
  treatmentDue: IsoDate.nullable().default(null),
  controlIds: z
    .array(z.string().min(1).max(100))
    .max(200)
    .default([])
    .describe("Annex A ids (A.5.1) or custom control ids; only with treatment modify"),
  reviewDate: IsoDate.nullable().default(null),
  status: RiskStatusSchema.default("open"),
  quant: QuantSpecSchema.nullable().default(null),
};
export const RiskInputSchema = z.strictObject(riskFields);
export const RiskUpdateSchema = z.strictObject({
  ...riskFields,
  rescore: z.boolean().default(false).describe("read the scores with the method in force even if the numbers did not change"),
  version: VersionSchema,
});
export type RiskInput = z.infer<typeof RiskInputSchema>;

export const RiskListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("part of the title, any case"),
  kind: RiskKindSchema.optional(),
  owner: IdSchema.optional().describe("owner's user id"),
  assetId: IdSchema.optional(),
  treatment: TreatmentSchema.optional(),
  status: RiskStatusSchema.optional(),
  levelOf: ScoreCaseSchema.default("inherent").describe("which level `level` and `minLevel` filter on"),
  level: z.coerce.number().int().min(0).max(9).optional(),
  minLevel: z.coerce.number().int().min(0).max(9).optional(),
  likelihood: z.coerce.number().int().min(1).max(10).optional().describe("with impact: one heat-map cell of `levelOf`"),
  impact: z.coerce.number().int().min(1).max(10).optional(),
  overdue: z.enum(["true"]).optional().describe("only risks whose review date has passed"),
  sort: z.enum(["ref", "title", "inherentLevel", "residualLevel", "reviewDate"]).default("ref"),
});

export const RiskParamsSchema = z.strictObject({ orgId: IdSchema, riskId: IdSchema });
export const DecisionParamsSchema = z.strictObject({ orgId: IdSchema, riskId: IdSchema, decisionId: IdSchema });

export const HeatmapQuerySchema = z.object({ case: ScoreCaseSchema.default("inherent") });
export const HeatmapSchema = z.object({
  case: ScoreCaseSchema,
  methodNumber: z.number().int().nullable(),
  likelihood: z.array(z.string()),
  impact: z.array(z.string()),
  levels: z.array(z.object({ name: z.string(), colour: z.string() })),
  cells: z.array(z.object({ likelihood: z.number().int(), impact: z.number().int(), level: z.number().int(), count: z.number().int() })),
  unscored: z.number().int().describe("open risks without this score"),
  rescoreNeeded: z.number().int().describe("open risks scored with another method version, left out of the map"),
});

const RiskLine = Ref.extend({ level: z.number().int().nullable(), levelName: z.string().nullable(), owner: z.string().nullable() });
export const RiskDashboardSchema = z.object({
  total: z.number().int(),
  open: z.number().int(),
  byLevel: z.array(
    z.object({ level: z.number().int(), name: z.string(), colour: z.string(), inherent: z.number().int(), residual: z.number().int() }),
  ),
  top: z.array(RiskLine).describe("the highest current (else inherent) levels"),
  byOwner: z.array(z.object({ owner: z.string().nullable(), count: z.number().int(), aboveThreshold: z.number().int() })),
  overdueReviews: z.array(RiskLine.extend({ reviewDate: z.string() })),
  expiredAcceptances: z.array(RiskLine.extend({ expiresOn: z.string() })),
  staleDecisions: z.array(RiskLine.extend({ kind: DecisionKindSchema })),
  rescoreNeeded: z.number().int(),
  awaitingAcceptance: z.number().int().describe("open risks above the threshold without a valid acceptance"),
});

export const CoverageSchema = z.object({
  assets: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      kind: AssetKindSchema,
      risks: z.array(Ref),
      exemption: z.string().nullable().describe("the justification of an explicit 'no risk identified' decision"),
    }),
  ),
});
export const ExemptionParamsSchema = z.strictObject({ orgId: IdSchema, assetId: IdSchema });
export const ExemptionInputSchema = z.strictObject({ justification: Label(2000) });

// --- threat and vulnerability catalogs ---------------------------------------------------------
export const CatalogEntrySchema = z.object({
  id: IdSchema,
  starterKey: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  objectives: z.array(z.string()),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export const CatalogEntryInputSchema = z.strictObject({
  title: Label(200),
  description: OptionalText(2000),
  category: OptionalText(100),
  objectives: z
    .array(z.enum(["confidentiality", "integrity", "availability"], { error: "must be confidentiality, integrity or availability" }))
    .max(3)
    .default([]),
});

/** The threat and vulnerability catalogs: plain registers of the same entries. */
export const threatEndpoints = registerEndpoints({
  path: "threats",
  entity: "threat",
  tags: ["threats and vulnerabilities"],
  item: CatalogEntrySchema,
  input: CatalogEntryInputSchema,
});
export const vulnerabilityEndpoints = registerEndpoints({
  path: "vulnerabilities",
  entity: "vulnerability",
  tags: ["threats and vulnerabilities"],
  item: CatalogEntrySchema,
  input: CatalogEntryInputSchema,
});
export const StarterLoadSchema = z.object({ threatsAdded: z.number().int(), vulnerabilitiesAdded: z.number().int() });

export const riskEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary:
      "List risks, filtered (kind, owner, asset, treatment, status, level, heat-map cell, overdue review) and sorted, a page at a time",
    params: OrgParamsSchema,
    query: RiskListQuerySchema,
    response: pageOf(RiskSchema),
  }),
  quant: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks/quant",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "The aggregate loss exceedance curve of every quantified open risk, current and residual (seedable Monte Carlo)",
    params: OrgParamsSchema,
    query: QuantQuerySchema,
    response: AggregateQuantSchema,
  }),
  heatmap: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks/heatmap",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "Open risks per cell of the matrix in force, for the inherent, current or residual scores",
    params: OrgParamsSchema,
    query: HeatmapQuerySchema,
    response: HeatmapSchema,
  }),
  dashboard: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks/dashboard",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "Levels, top risks, risks by owner, overdue reviews, expired acceptances and stale decisions",
    params: OrgParamsSchema,
    response: RiskDashboardSchema,
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risks",
    access: access.org(registerPolicy, "write"),
    tags: ["risk register"],
    summary: "Identify a risk (asset-based or scenario)",
    params: OrgParamsSchema,
    body: RiskInputSchema,
    response: RiskDetailSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks/:riskId",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "One risk with its controls, its acceptance needs and its decisions (stale ones say what changed)",
    params: RiskParamsSchema,
    response: RiskDetailSchema,
  }),
  update: updateEndpoints({
    path: "/orgs/:orgId/risks/:riskId",
    access: access.org(registerPolicy, "write"),
    tags: ["risk register"],
    summary: "a risk; levels are computed from the method, and changed scores are read with the method in force",
    params: RiskParamsSchema,
    body: RiskUpdateSchema,
    response: RiskDetailSchema,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/risks/:riskId",
    access: access.org(registerPolicy, "write"),
    tags: ["risk register"],
    summary: "Remove a risk that carries no decision (close it otherwise)",
    params: RiskParamsSchema,
    response: OkSchema,
  }),
  riskQuant: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risks/:riskId/quant",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "Monte Carlo of the risk's estimates: expected annual loss, percentiles, loss exceedance curves and treatment value",
    params: RiskParamsSchema,
    query: QuantQuerySchema,
    response: RiskQuantResultSchema,
  }),
  decide: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risks/:riskId/decisions",
    access: access.org(riskDecisionPolicy, "decide"),
    tags: ["risk register"],
    summary:
      "The risk owner approves the treatment plan (kind treatment); the authority the method names accepts the residual risk (kind acceptance, with expiry)",
    params: RiskParamsSchema,
    body: DecisionInputSchema,
    response: RiskDetailSchema,
    status: 201,
  }),
  revokeDecision: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risks/:riskId/decisions/:decisionId/revoke",
    access: access.org(riskDecisionPolicy, "decide"),
    tags: ["risk register"],
    summary: "Revoke a decision, with a reason (the person who took it, an ISMS manager or top management)",
    params: DecisionParamsSchema,
    body: RevokeDecisionSchema,
    response: RiskDetailSchema,
  }),
  coverage: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/risk-coverage",
    access: access.org(registerPolicy, "read"),
    tags: ["risk register"],
    summary: "Every primary asset in scope with the risks that cover it, or its 'no risk identified' decision",
    params: OrgParamsSchema,
    response: CoverageSchema,
  }),
  setExemption: defineEndpoint({
    method: "PUT",
    path: "/orgs/:orgId/assets/:assetId/risk-exemption",
    access: access.org(registerPolicy, "write"),
    tags: ["risk register"],
    summary: "Record that no risk was identified for a primary asset, with the justification",
    params: ExemptionParamsSchema,
    body: ExemptionInputSchema,
    response: OkSchema,
  }),
  removeExemption: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/assets/:assetId/risk-exemption",
    access: access.org(registerPolicy, "write"),
    tags: ["risk register"],
    summary: "Withdraw a 'no risk identified' decision",
    params: ExemptionParamsSchema,
    response: OkSchema,
  }),
  loadStarterCatalog: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/risk-catalog/starter",
    access: access.org(registerPolicy, "write"),
    tags: ["threats and vulnerabilities"],
    summary: "Add the shipped starter threats and vulnerabilities the organization does not have yet (idempotent)",
    params: OrgParamsSchema,
    response: StarterLoadSchema,
  }),
};
