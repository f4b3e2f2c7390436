import {
  businessCaseEndpoints,
  costEndpoints,
  milestoneEndpoints,
  type Obligation,
  objectiveEndpoints,
  obligationEndpoints,
  preliminaryScopeEndpoints,
  prioritiesEndpoints,
} from "../../../contracts/mandate.js";
import type { OrgRecord } from "../../db/schema.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { singletonRoutes } from "../../registers/singleton-routes.js";

/** Phase 1 (clause 5): priorities, obligations, preliminary scope, business case and initial plan. */
const item = (r: OrgRecord) => ({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version });
const meta = (r: OrgRecord | null) => ({ version: r?.version ?? 0, updatedAt: r?.updated_at ?? null });
const list = (json: string | undefined): string[] => (json ? (JSON.parse(json) as string[]) : []);

export const objectiveRoutes = registerRoutes({
  endpoints: objectiveEndpoints,
  table: "objectives",
  toRow: (i) => ({ title: i.title, description: i.description }),
  present: (r) => ({ ...item(r), title: r.title, description: r.description }),
});

export const obligationRoutes = registerRoutes({
  endpoints: obligationEndpoints,
  table: "obligations",
  // Classification and links that the requirements register sets on the same rows.
  keep: ["confidentiality", "integrity", "availability", "external_ref", "interested_party_id"],
  toRow: (i) => ({ ...i }),
  present: (r) => ({
    ...item(r),
    title: r.title,
    kind: r.kind as Obligation["kind"],
    source: r.source,
    jurisdiction: r.jurisdiction,
    reference: r.reference,
    owner: r.owner,
    notes: r.notes,
  }),
});

export const costRoutes = registerRoutes({
  endpoints: costEndpoints,
  table: "business_case_costs",
  // The currency is stored on the line: a later change of the organization's currency leaves the line as it was.
  toRow: (i, { settings }) => ({ ...i, currency: i.currency ?? settings.currency }),
  present: (r) => ({ ...item(r), title: r.title, amount: Number(r.amount), currency: r.currency }),
});

export const milestoneRoutes = registerRoutes({
  endpoints: milestoneEndpoints,
  table: "milestones",
  toRow: (i) => ({ title: i.title, due_date: i.dueDate, owner: i.owner, done: i.done ? 1 : 0 }),
  present: (r) => ({ ...item(r), title: r.title, dueDate: r.due_date, owner: r.owner, done: r.done === 1 }),
});

export const prioritiesRoutes = singletonRoutes({
  endpoints: prioritiesEndpoints,
  table: "priorities",
  toRow: (i) => ({ statement: i.statement || null, existing_systems: i.existingSystems || null }),
  present: (r) => ({ statement: r?.statement ?? null, existingSystems: r?.existing_systems ?? null, ...meta(r) }),
});

export const preliminaryScopeRoutes = singletonRoutes({
  endpoints: preliminaryScopeEndpoints,
  table: "preliminary_scopes",
  toRow: (i) => ({ statement: i.statement || null, units: JSON.stringify(i.units), sites: JSON.stringify(i.sites) }),
  present: (r) => ({ statement: r?.statement ?? null, units: list(r?.units), sites: list(r?.sites), ...meta(r) }),
});

export const businessCaseRoutes = singletonRoutes({
  endpoints: businessCaseEndpoints,
  table: "business_cases",
  toRow: (i) => ({
    objectives: i.objectives || null,
    benefits: i.benefits || null,
    resources: i.resources || null,
    timeline: i.timeline || null,
    risks_of_not_implementing: i.risksOfNotImplementing || null,
  }),
  present: (r) => ({
    objectives: r?.objectives ?? null,
    benefits: r?.benefits ?? null,
    resources: r?.resources ?? null,
    timeline: r?.timeline ?? null,
    risksOfNotImplementing: r?.risks_of_not_implementing ?? null,
    ...meta(r),
  }),
});

export const mandateRoutes: RouteModule[] = [
  objectiveRoutes,
  obligationRoutes,
  costRoutes,
  milestoneRoutes,
  prioritiesRoutes,
  preliminaryScopeRoutes,
  businessCaseRoutes,
];
