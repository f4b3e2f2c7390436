import {
  BusinessCaseInputSchema,
  BusinessCaseSchema,
  CostInputSchema,
  CostSchema,
  MilestoneInputSchema,
  MilestoneSchema,
  ObjectiveInputSchema,
  ObjectiveSchema,
  ObligationInputSchema,
  ObligationSchema,
  PreliminaryScopeInputSchema,
  PreliminaryScopeSchema,
  PrioritiesInputSchema,
  PrioritiesSchema,
} from "../../../contracts/phase1.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { singletonRoutes } from "../../registers/singleton-routes.js";

/** Phase 1 (clause 5): priorities, obligations, preliminary scope, business case and initial plan. */
const tags = ["phase 1"];

type Row = Record<string, unknown>;
const item = (r: Row) => ({
  id: r.id as string,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
  version: r.version as number,
});
const meta = (r: Row | null) => ({
  version: (r?.version as number | undefined) ?? 0,
  updatedAt: (r?.updated_at as string | undefined) ?? null,
});
const text = (r: Row | null, column: string) => (r?.[column] as string | null | undefined) ?? null;
const list = (r: Row | null, column: string): string[] => (r ? (JSON.parse(r[column] as string) as string[]) : []);

export const objectiveRoutes = registerRoutes({
  path: "objectives",
  table: "objectives",
  entity: "objective",
  tags,
  item: ObjectiveSchema,
  input: ObjectiveInputSchema,
  toRow: (i) => ({ title: i.title, description: i.description }),
  present: (r) => ({ ...item(r), title: r.title, description: r.description }),
});

export const obligationRoutes = registerRoutes({
  path: "obligations",
  table: "obligations",
  entity: "obligation",
  tags,
  item: ObligationSchema,
  input: ObligationInputSchema,
  toRow: (i) => ({ ...i }),
  present: (r) => ({
    ...item(r),
    title: r.title,
    kind: r.kind,
    source: r.source,
    jurisdiction: r.jurisdiction,
    reference: r.reference,
    owner: r.owner,
    notes: r.notes,
  }),
});

export const costRoutes = registerRoutes({
  path: "business-case/costs",
  table: "business_case_costs",
  entity: "cost",
  tags,
  item: CostSchema,
  input: CostInputSchema,
  // The currency is stored on the line: a later change of the organization's currency leaves the line as it was.
  toRow: (i, { settings }) => ({ ...i, currency: i.currency ?? settings.currency }),
  present: (r) => ({ ...item(r), title: r.title, amount: Number(r.amount), currency: r.currency }),
});

export const milestoneRoutes = registerRoutes({
  path: "milestones",
  table: "milestones",
  entity: "milestone",
  tags,
  item: MilestoneSchema,
  input: MilestoneInputSchema,
  toRow: (i) => ({ title: i.title, due_date: i.dueDate, owner: i.owner, done: i.done ? 1 : 0 }),
  present: (r) => ({ ...item(r), title: r.title, dueDate: r.due_date, owner: r.owner, done: r.done === 1 }),
});

export const prioritiesRoutes = singletonRoutes({
  path: "priorities",
  table: "priorities",
  entity: "priorities",
  tags,
  schema: PrioritiesSchema,
  input: PrioritiesInputSchema,
  toRow: (i) => ({ statement: i.statement || null, existing_systems: i.existingSystems || null }),
  present: (r) => ({ statement: text(r, "statement"), existingSystems: text(r, "existing_systems"), ...meta(r) }),
});

export const preliminaryScopeRoutes = singletonRoutes({
  path: "preliminary-scope",
  table: "preliminary_scopes",
  entity: "preliminary scope",
  tags,
  schema: PreliminaryScopeSchema,
  input: PreliminaryScopeInputSchema,
  toRow: (i) => ({ statement: i.statement || null, units: JSON.stringify(i.units), sites: JSON.stringify(i.sites) }),
  present: (r) => ({ statement: text(r, "statement"), units: list(r, "units"), sites: list(r, "sites"), ...meta(r) }),
});

export const businessCaseRoutes = singletonRoutes({
  path: "business-case",
  table: "business_cases",
  entity: "business case",
  tags,
  schema: BusinessCaseSchema,
  input: BusinessCaseInputSchema,
  toRow: (i) => ({
    objectives: i.objectives || null,
    benefits: i.benefits || null,
    resources: i.resources || null,
    timeline: i.timeline || null,
    risks_of_not_implementing: i.risksOfNotImplementing || null,
  }),
  present: (r) => ({
    objectives: text(r, "objectives"),
    benefits: text(r, "benefits"),
    resources: text(r, "resources"),
    timeline: text(r, "timeline"),
    risksOfNotImplementing: text(r, "risks_of_not_implementing"),
    ...meta(r),
  }),
});

export const phase1Routes: RouteModule[] = [
  objectiveRoutes,
  obligationRoutes,
  costRoutes,
  milestoneRoutes,
  prioritiesRoutes,
  preliminaryScopeRoutes,
  businessCaseRoutes,
];
