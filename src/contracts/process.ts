import { z } from "zod";
import { processPolicy } from "../core/access/policies.js";
import { IdSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

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
};
