import { z } from "zod";
import { MAX_FORMULA_LENGTH, MEASURE_KEY } from "../core/measurement/formula.js";
import { DIRECTIONS, STATUSES } from "../core/measurement/indicator.js";
import { FREQUENCIES, isIsoDate } from "../core/work/recurrence.js";
import { IdSchema, VersionSchema } from "./common.js";
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
