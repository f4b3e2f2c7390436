import { z } from "zod";
import { OBLIGATION_KINDS } from "../core/requirements/kinds.js";
import { IdSchema, TimestampSchema } from "./common.js";
import { CurrencySchema } from "./orgs.js";
import { registerEndpoints, singletonEndpoints } from "./register.js";

/** Text written by people: trimmed, bounded, blank means "not written". */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const Title = z.string().trim().min(1, { error: "must not be empty" }).max(300, { error: "must be at most 300 characters" });
const IsoDate = z.iso.date({ error: "must be a date like 2027-03-31" });
const tags = ["phase 1"];

/** Fields every register item carries. */
const Item = { id: IdSchema, createdAt: TimestampSchema, updatedAt: TimestampSchema, version: z.number().int() };

export const ObjectiveSchema = z.object({ ...Item, title: z.string(), description: z.string().nullable() });
export const ObjectiveInputSchema = z.strictObject({ title: Title, description: Text(4000).nullable().default(null) });
export type Objective = z.infer<typeof ObjectiveSchema>;
export const objectiveEndpoints = registerEndpoints({
  path: "objectives",
  entity: "objective",
  tags,
  item: ObjectiveSchema,
  input: ObjectiveInputSchema,
});

export { OBLIGATION_KINDS };
export const ObligationKindSchema = z.enum(OBLIGATION_KINDS, { error: `must be one of ${OBLIGATION_KINDS.join(", ")}` });
export const ObligationSchema = z.object({
  ...Item,
  title: z.string(),
  kind: ObligationKindSchema,
  source: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  reference: z.string().nullable(),
  owner: z.string().nullable(),
  notes: z.string().nullable(),
});
export const ObligationInputSchema = z.strictObject({
  title: Title,
  kind: ObligationKindSchema,
  source: Text(300).nullable().default(null).describe("the law, regulator, contract or internal rule it comes from"),
  jurisdiction: Text(100).nullable().default(null),
  reference: Text(200).nullable().default(null).describe("article, clause or contract reference"),
  owner: Text(200).nullable().default(null),
  notes: Text(4000).nullable().default(null),
});
export type Obligation = z.infer<typeof ObligationSchema>;
export const obligationEndpoints = registerEndpoints({
  path: "obligations",
  entity: "obligation",
  tags,
  item: ObligationSchema,
  input: ObligationInputSchema,
});

export const CostSchema = z.object({ ...Item, title: z.string(), amount: z.number(), currency: z.string() });
export const CostInputSchema = z.strictObject({
  title: Title.describe("what the cost is for"),
  amount: z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(1e12, { error: "is too large" }),
  currency: CurrencySchema.optional().describe(
    "ISO 4217 code; left out: the organization's currency, stored on the line so that a later change of the organization's currency leaves it as it is",
  ),
});
export type Cost = z.infer<typeof CostSchema>;
export const costEndpoints = registerEndpoints({
  path: "business-case/costs",
  entity: "cost",
  tags,
  item: CostSchema,
  input: CostInputSchema,
});

export const MilestoneSchema = z.object({
  ...Item,
  title: z.string(),
  dueDate: z.string().nullable(),
  owner: z.string().nullable(),
  done: z.boolean(),
});
export const MilestoneInputSchema = z.strictObject({
  title: Title,
  dueDate: IsoDate.nullable().default(null),
  owner: Text(200).nullable().default(null),
  done: z.boolean().default(false),
});
export type Milestone = z.infer<typeof MilestoneSchema>;
export const milestoneEndpoints = registerEndpoints({
  path: "milestones",
  entity: "milestone",
  tags,
  item: MilestoneSchema,
  input: MilestoneInputSchema,
});

/** Documents of which an organization has exactly one: read whole, written whole with their version. */
export const PrioritiesSchema = z.object({
  statement: z.string().nullable().describe("what security must achieve for the business, in order of priority"),
  existingSystems: z.string().nullable().describe("management systems already in place (quality, privacy, continuity, …)"),
  version: z.number().int().describe("0 until first saved"),
  updatedAt: TimestampSchema.nullable(),
});
export const PrioritiesInputSchema = z.strictObject({
  statement: Text(10000).nullable(),
  existingSystems: Text(10000).nullable(),
  version: z.number().int().min(0),
});
export const prioritiesEndpoints = singletonEndpoints({
  path: "priorities",
  entity: "priorities",
  tags,
  schema: PrioritiesSchema,
  input: PrioritiesInputSchema,
});

export const PreliminaryScopeSchema = z.object({
  statement: z.string().nullable(),
  units: z.array(z.string()).describe("organizational units the ISMS is expected to cover"),
  sites: z.array(z.string()).describe("sites the ISMS is expected to cover"),
  version: z.number().int(),
  updatedAt: TimestampSchema.nullable(),
});
const NameList = z
  .array(z.string().trim().min(1, { error: "must not be empty" }).max(200))
  .max(200)
  .default([]);
export const PreliminaryScopeInputSchema = z.strictObject({
  statement: Text(10000).nullable(),
  units: NameList,
  sites: NameList,
  version: z.number().int().min(0),
});
export const preliminaryScopeEndpoints = singletonEndpoints({
  path: "preliminary-scope",
  entity: "preliminary scope",
  tags,
  schema: PreliminaryScopeSchema,
  input: PreliminaryScopeInputSchema,
});

export const BusinessCaseSchema = z.object({
  objectives: z.string().nullable(),
  benefits: z.string().nullable(),
  resources: z.string().nullable(),
  timeline: z.string().nullable(),
  risksOfNotImplementing: z.string().nullable(),
  version: z.number().int(),
  updatedAt: TimestampSchema.nullable(),
});
export const BusinessCaseInputSchema = z.strictObject({
  objectives: Text(10000).nullable(),
  benefits: Text(10000).nullable(),
  resources: Text(10000).nullable(),
  timeline: Text(10000).nullable(),
  risksOfNotImplementing: Text(10000).nullable(),
  version: z.number().int().min(0),
});
export const businessCaseEndpoints = singletonEndpoints({
  path: "business-case",
  entity: "business case",
  tags,
  schema: BusinessCaseSchema,
  input: BusinessCaseInputSchema,
});

export const ProjectRoleSchema = z.object({
  key: z.string(),
  title: z.string(),
  required: z.boolean(),
  personName: z.string().nullable(),
  userId: IdSchema.nullable().describe("the member who holds the role, when they use the app"),
  version: z.number().int(),
  ismsRole: z
    .object({ key: z.string(), title: z.string() })
    .nullable()
    .describe("the ISMS role (Roles & RACI) this project role is held as; saving the role assigns its holder there"),
  heldOnRaci: z.boolean().describe("true when the holder comes from Roles & RACI, nobody being named on the project role itself"),
  holderName: z.string().nullable().describe("the holder's name for display"),
});
export const ProjectRoleInputSchema = z.strictObject({
  personName: Text(200).nullable(),
  userId: IdSchema.nullable().default(null),
  version: z.number().int().min(0),
});
export const ProjectRoleParamsSchema = z.strictObject({
  orgId: IdSchema,
  key: z.string().regex(/^[a-z_]{1,50}$/, { error: "is not a role key" }),
});
