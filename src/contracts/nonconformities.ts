import { z } from "zod";
import { nonconformityPolicy } from "../core/access/policies.js";
import { NC_SOURCES } from "../core/nonconformities/closing.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

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

export const SEVERITIES = ["major", "minor"] as const;
export const ACTION_STATUSES = ["open", "done"] as const;

export const CorrectiveActionSchema = z.object({
  ...Item,
  nonconformityId: IdSchema,
  title: z.string(),
  owner: Person.nullable(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  completedAt: TimestampSchema.nullable(),
  overdue: z.boolean(),
});
export const CorrectiveActionInputSchema = z.strictObject({
  title: Required(300),
  ownerUserId: IdSchema.nullable().default(null),
  dueDate: IsoDate,
  status: z.enum(ACTION_STATUSES, oneOf(ACTION_STATUSES)).default("open"),
});
export const ActionParamsSchema = z.strictObject({ orgId: IdSchema, actionId: IdSchema });

export const NonconformitySchema = z.object({
  ...Item,
  ref: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.enum(NC_SOURCES),
  sourceRef: z.string().nullable(),
  finding: z.object({ id: IdSchema, ref: z.string(), auditId: IdSchema }).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  detectedOn: z.string(),
  correction: z.string().nullable(),
  rootCause: z.string().nullable(),
  status: z.enum(["open", "closed"]),
  effectiveness: z
    .object({
      effective: z.boolean(),
      note: z.string().nullable(),
      reviewer: Person,
      coReviewer: Person.nullable(),
      reviewedAt: TimestampSchema,
    })
    .nullable(),
  closedAt: TimestampSchema.nullable(),
  actions: z.array(CorrectiveActionSchema),
  /** What still stands between it and closing, by step. */
  missingSteps: z.array(z.object({ step: z.string(), message: z.string() })),
});
export const NonconformityInputSchema = z.strictObject({
  title: Required(300),
  description: Text(10_000).nullable().default(null),
  source: z.enum(NC_SOURCES, oneOf(NC_SOURCES)).default("audit"),
  sourceRef: Text(300).nullable().default(null).describe("where it was found outside an audit (an incident number, a review)"),
  findingId: IdSchema.nullable().default(null).describe("the audit finding it was raised from"),
  severity: z.enum(SEVERITIES, oneOf(SEVERITIES)).nullable().default(null),
  detectedOn: IsoDate,
  correction: Text(10_000).nullable().default(null),
  rootCause: Text(10_000).nullable().default(null),
});
export const NcParamsSchema = z.strictObject({ orgId: IdSchema, ncId: IdSchema });
export const NcListQuerySchema = z.object({ ...PageQuery, status: z.enum(["open", "closed"]).optional() });
export const EffectivenessInputSchema = z.strictObject({
  effective: z.boolean(),
  note: Text(4000).nullable().default(null),
  coReviewerUserId: IdSchema.nullable().default(null).describe("needed when the reviewer owns one of the corrective actions"),
});

export type Nonconformity = z.infer<typeof NonconformitySchema>;

const Versioned = z.strictObject({ version: z.number().int().min(1) });
const nonconformityTags = ["nonconformities"];
export const nonconformityEndpoints = {
  /** `PUT` and `PATCH` of one nonconformity. */
  update: updateEndpoints({
    path: "/orgs/:orgId/nonconformities/:ncId",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "a nonconformity (correction, root cause, …)",
    params: NcParamsSchema,
    body: NonconformityInputSchema.extend({ version: z.number().int().min(1) }),
    response: NonconformitySchema,
  }),
  /** `PUT` and `PATCH` of one corrective action. */
  updateAction: updateEndpoints({
    path: "/orgs/:orgId/corrective-actions/:actionId",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "a corrective action",
    params: ActionParamsSchema,
    body: CorrectiveActionInputSchema.extend({ version: z.number().int().min(1) }),
    response: CorrectiveActionSchema,
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/nonconformities",
    access: access.org(nonconformityPolicy, "read"),
    tags: nonconformityTags,
    summary: "List nonconformities",
    params: OrgParamsSchema,
    query: NcListQuerySchema,
    response: pageOf(NonconformitySchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/nonconformities",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "Raise a nonconformity (from a finding, an incident, a review …)",
    params: OrgParamsSchema,
    body: NonconformityInputSchema,
    response: NonconformitySchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/nonconformities/:ncId",
    access: access.org(nonconformityPolicy, "read"),
    tags: nonconformityTags,
    summary: "One nonconformity with its corrective actions and the steps still missing",
    params: NcParamsSchema,
    response: NonconformitySchema,
  }),
  addAction: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/nonconformities/:ncId/actions",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "Decide a corrective action (owner and due date)",
    params: NcParamsSchema,
    body: CorrectiveActionInputSchema,
    response: CorrectiveActionSchema,
    status: 201,
  }),
  actions: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/nonconformities/:ncId/actions",
    access: access.org(nonconformityPolicy, "read"),
    tags: nonconformityTags,
    summary: "The nonconformity's corrective actions",
    params: NcParamsSchema,
    response: z.object({ items: z.array(CorrectiveActionSchema) }),
  }),
  action: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/corrective-actions/:actionId",
    access: access.org(nonconformityPolicy, "read"),
    tags: nonconformityTags,
    summary: "One corrective action",
    params: ActionParamsSchema,
    response: CorrectiveActionSchema,
  }),
  removeAction: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/corrective-actions/:actionId",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "Remove a corrective action of an open nonconformity",
    params: ActionParamsSchema,
    response: OkSchema,
  }),
  effectivenessReview: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/nonconformities/:ncId/effectiveness-review",
    access: access.org(nonconformityPolicy, "review"),
    tags: nonconformityTags,
    summary: "Record whether the corrective actions worked (an action's owner needs a co-reviewer)",
    params: NcParamsSchema,
    body: EffectivenessInputSchema,
    response: NonconformitySchema,
  }),
  close: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/nonconformities/:ncId/close",
    access: access.org(nonconformityPolicy, "write"),
    tags: nonconformityTags,
    summary: "Close the nonconformity: refused with 409 naming each missing step (correction, root cause, actions, effectiveness review)",
    params: NcParamsSchema,
    body: Versioned,
    response: NonconformitySchema,
  }),
};

/** Nonconformities as the register kit takes them: never removed (a nonconformity is closed, and its record kept). */
export const nonconformityRegister = {
  list: nonconformityEndpoints.list,
  create: nonconformityEndpoints.create,
  ...nonconformityEndpoints.update,
};

/** A nonconformity's corrective actions as a register: listed and added under it (`ncId`), changed and removed at corrective-actions/:actionId. */
export const correctiveActionRegister = {
  list: nonconformityEndpoints.actions,
  create: nonconformityEndpoints.addAction,
  ...nonconformityEndpoints.updateAction,
  remove: nonconformityEndpoints.removeAction,
};
