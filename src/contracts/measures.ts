import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { MAX_FORMULA_LENGTH, MEASURE_KEY } from "../core/measurement/formula.js";
import { DIRECTIONS, STATUSES } from "../core/measurement/indicator.js";
import { FREQUENCIES, isIsoDate } from "../core/work/recurrence.js";
import { IdSchema, OkSchema, OrgParamsSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { ImportPreviewInputSchema } from "./imports.js";
import { updateEndpoints } from "./register.js";
import { DueItemSchema } from "./work.js";

export const MEASURE_KINDS = ["base", "derived", "builtin"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const optionalText = (max: number) => text(max).nullable().default(null);
export const DateSchema = z.string().refine(isIsoDate, { error: "must be a date (YYYY-MM-DD)" });
const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });

export const MeasureInputSchema = z.strictObject({
  title: text(200).min(1, { error: "must not be empty" }),
  kind: z.enum(MEASURE_KINDS).describe("base: collected; derived: a formula over base measures; builtin: computed from the registers"),
  key: z
    .string()
    .regex(MEASURE_KEY, { error: "must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40)" })
    .nullable()
    .default(null)
    .describe("a base measure's name in formulas, e.g. patched_systems"),
  informationNeed: text(2000).min(1, { error: "must not be empty" }).describe("what management wants to know"),
  objectiveId: IdSchema.nullable().default(null).describe("the ISMS objective (phase 1) the measure serves"),
  controlRef: optionalText(50).describe("the control it measures, e.g. A.8.8"),
  processRef: optionalText(200).describe("the process it measures"),
  unit: text(40).default(""),
  collectionMethod: optionalText(1000),
  dataSource: optionalText(500),
  frequency: z.enum(FREQUENCIES).nullable().default(null).describe("how often data is collected"),
  interval: z.number().int().min(1).max(120).default(1).describe("every how many units of the frequency"),
  startDate: DateSchema.nullable().default(null).describe("first collection period; defaults to the first of this month"),
  ownerUserId: IdSchema.nullable().default(null).describe("who collects and reports it"),
  formula: text(MAX_FORMULA_LENGTH).nullable().default(null).describe("a derived measure's CEL formula over base measure keys"),
  builtinKey: z.string().max(80).nullable().default(null).describe("a built-in measure's key (GET …/measures/builtins)"),
  direction: z.enum(DIRECTIONS).default("higher_is_better"),
  onTarget: finite.nullable().default(null).describe("decision criterion: on target at or beyond this"),
  act: finite.nullable().default(null).describe("decision criterion: action needed beyond this (on the bad side)"),
  target: finite.nullable().default(null),
  reportedBy: optionalText(200).describe("who reports the indicator"),
  reportedTo: optionalText(200).describe("to whom it is reported"),
});
export type MeasureInput = z.infer<typeof MeasureInputSchema>;
export const MeasureUpdateSchema = MeasureInputSchema.extend({ version: VersionSchema });

export const PointSchema = z.object({
  id: z.string().nullable().describe("the stored value's id; null for a derived measure's computed point"),
  period: z.string(),
  value: z.number().nullable(),
  reason: z.string().nullable().describe("why there is no value"),
  status: z.enum(STATUSES).nullable(),
  source: z.string(),
  note: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type Point = z.infer<typeof PointSchema>;

export const MeasureSchema = MeasureInputSchema.extend({
  id: z.string(),
  ref: z.string(),
  ownerName: z.string().nullable(),
  objectiveTitle: z.string().nullable(),
  latest: PointSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MeasureParamsSchema = z.strictObject({ orgId: IdSchema, measureId: IdSchema });
export const ValueParamsSchema = z.strictObject({ orgId: IdSchema, measureId: IdSchema, valueId: IdSchema });

export const ValueInputSchema = z.strictObject({
  period: DateSchema.describe("any date in the period; stored as the period's first day"),
  value: finite.nullable().describe("null records that no value could be collected (say why in the note)"),
  note: optionalText(1000),
});
export const ValueUpdateSchema = ValueInputSchema.extend({ version: VersionSchema });

export const SeriesSchema = z.object({
  measure: MeasureSchema,
  points: z.array(PointSchema),
  crossings: z.array(z.object({ period: z.string(), from: z.enum(STATUSES), to: z.enum(STATUSES) })),
});

export const BuiltinSchema = z.object({
  key: z.string(),
  title: z.string(),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  description: z.string(),
});

export const RecomputeSchema = z.object({
  period: z.string(),
  computed: z.array(z.object({ measureId: z.string(), ref: z.string(), value: z.number().nullable(), reason: z.string().nullable() })),
});

export const DashboardSchema = z.object({
  indicators: z.array(z.object({ measure: MeasureSchema, recent: z.array(PointSchema).describe("the last twelve periods, oldest first") })),
  counts: z.object({ on_target: z.number().int(), watch: z.number().int(), act: z.number().int(), noValue: z.number().int() }),
  overdue: z.array(DueItemSchema).describe("data collections past their due date"),
});

export const ValueImportResultSchema = z.object({ created: z.number().int(), updated: z.number().int() });

const measureTags = ["measurement"];
export const measureEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/measures",
    access: access.org(registerPolicy, "read"),
    tags: measureTags,
    summary: "The measurement programme: every measure with its latest value and status",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(MeasureSchema) }),
  }),
  builtins: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/measures/builtins",
    access: access.org(registerPolicy, "read"),
    tags: measureTags,
    summary: "The measures the product computes from its own registers",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(BuiltinSchema) }),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/measures",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary:
      "Define a measure: base (collected), derived (a CEL formula over base measures) or built in; an invalid formula is refused with its position",
    params: OrgParamsSchema,
    body: MeasureInputSchema,
    response: MeasureSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/measures/:measureId",
    access: access.org(registerPolicy, "read"),
    tags: measureTags,
    summary: "One measure",
    params: MeasureParamsSchema,
    response: MeasureSchema,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/measures/:measureId",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "Remove a measure and its values",
    params: MeasureParamsSchema,
    response: OkSchema,
  }),
  series: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/measures/:measureId/series",
    access: access.org(registerPolicy, "read"),
    tags: measureTags,
    summary: "A measure's values per period with their status against the decision criteria, and where the trend crossed a threshold",
    params: MeasureParamsSchema,
    response: SeriesSchema,
  }),
  addValue: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/measures/:measureId/values",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "Enter a base measure's value for a period (any date in it); a period that has a value already is refused with 409",
    params: MeasureParamsSchema,
    body: ValueInputSchema,
    response: SeriesSchema.shape.points.element,
    status: 201,
  }),
  removeValue: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/measures/:measureId/values/:valueId",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "Remove a value",
    params: ValueParamsSchema,
    response: OkSchema,
  }),
  importValues: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/measure-values/import",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary:
      "Import base measures' values from CSV or XLSX (columns measure — its reference or key —, period, value, note): a period's value is replaced; all rows or, when any row has a problem, none, with the problems by row and column",
    params: OrgParamsSchema,
    body: ImportPreviewInputSchema,
    response: ValueImportResultSchema,
    status: 201,
  }),
  recompute: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/measures/recompute",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "Compute the built-in measures now and store them as this period's values (the daily job does the same)",
    params: OrgParamsSchema,
    response: RecomputeSchema,
  }),
  dashboard: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/measurement/dashboard",
    access: access.org(registerPolicy, "read"),
    tags: measureTags,
    summary: "The measurement dashboard: every indicator with its recent trend, counts by status, and overdue data collections",
    params: OrgParamsSchema,
    response: DashboardSchema,
  }),
  update: updateEndpoints({
    path: "/orgs/:orgId/measures/:measureId",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "a measure",
    params: MeasureParamsSchema,
    body: MeasureUpdateSchema,
    response: MeasureSchema,
  }),
  updateValue: updateEndpoints({
    path: "/orgs/:orgId/measures/:measureId/values/:valueId",
    access: access.org(registerPolicy, "write"),
    tags: measureTags,
    summary: "a base measure's value",
    params: ValueParamsSchema,
    body: ValueUpdateSchema,
    response: SeriesSchema.shape.points.element,
  }),
};

/** Measures as the register kit takes them. */
export const measureRegister = {
  list: measureEndpoints.list,
  create: measureEndpoints.create,
  ...measureEndpoints.update,
  remove: measureEndpoints.remove,
};
