import { z } from "zod";
import { managementReviewPolicy } from "../core/access/policies.js";
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

export const REVIEW_STATUSES = ["planned", "submitted", "approved"] as const;
export const OUTPUT_KINDS = ["decision", "action"] as const;

export const TopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  available: z.boolean(),
  summary: z.string(),
  total: z.number().int(),
  items: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), detail: z.string().nullable() })),
});
export const ReviewInputsSchema = z.object({ from: z.string().nullable(), to: z.string(), topics: z.array(TopicSchema) });

export const ReviewOutputSchema = z.object({
  ...Item,
  reviewId: IdSchema,
  kind: z.enum(OUTPUT_KINDS),
  title: z.string(),
  owner: Person.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(["open", "done"]),
  source: z.object({ type: z.string(), id: z.string() }).describe("where it came from, for the task plan"),
});
export const ReviewOutputInputSchema = z.strictObject({
  kind: z.enum(OUTPUT_KINDS, oneOf(OUTPUT_KINDS)),
  title: Required(300),
  ownerUserId: IdSchema.nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  status: z.enum(["open", "done"], oneOf(["open", "done"])).default("open"),
});
export const OutputParamsSchema = z.strictObject({ orgId: IdSchema, outputId: IdSchema });

export const ManagementReviewSchema = z.object({
  ...Item,
  ref: z.string(),
  title: z.string(),
  plannedDate: z.string().nullable(),
  frequencyMonths: z.number().int().nullable(),
  nextReviewDate: z.string().nullable(),
  participants: z.string().nullable(),
  minutes: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  /** The approval of the minutes: pending while the content is what was submitted, stale once it changed. */
  approval: z.enum(["none", "pending", "stale", "approved"]),
  inputs: ReviewInputsSchema.nullable(),
  inputsTakenAt: TimestampSchema.nullable(),
  outputs: z.array(ReviewOutputSchema),
  submittedAt: TimestampSchema.nullable(),
  approvedAt: TimestampSchema.nullable(),
  approvedBy: Person.nullable(),
});
export const ManagementReviewInputSchema = z.strictObject({
  title: Required(200),
  plannedDate: IsoDate.nullable().default(null),
  frequencyMonths: z
    .number()
    .int()
    .min(1, { error: "must be 1 to 36 months" })
    .max(36, { error: "must be 1 to 36 months" })
    .nullable()
    .default(12),
  participants: Text(2000).nullable().default(null),
  minutes: Text(100_000).nullable().default(null),
});
export const ReviewParamsSchema = z.strictObject({ orgId: IdSchema, reviewId: IdSchema });
export const ReviewListQuerySchema = z.object({ ...PageQuery });
export const ReviewDecisionSchema = z.strictObject({ version: z.number().int().min(1) });

export type ManagementReview = z.infer<typeof ManagementReviewSchema>;

const managementReviewTags = ["management review"];
export const managementReviewEndpoints = {
  /** `PUT` and `PATCH` of one management review. */
  update: updateEndpoints({
    path: "/orgs/:orgId/management-reviews/:reviewId",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "a management review (refused once its minutes are approved)",
    params: ReviewParamsSchema,
    body: ManagementReviewInputSchema.extend({ version: z.number().int().min(1) }),
    response: ManagementReviewSchema,
  }),
  /** `PUT` and `PATCH` of one decision or action. */
  updateOutput: updateEndpoints({
    path: "/orgs/:orgId/review-outputs/:outputId",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "a decision or action (after approval only its status)",
    params: OutputParamsSchema,
    body: ReviewOutputInputSchema.extend({ version: z.number().int().min(1) }),
    response: ReviewOutputSchema,
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/management-reviews",
    access: access.org(managementReviewPolicy, "read"),
    tags: managementReviewTags,
    summary: "List management reviews",
    params: OrgParamsSchema,
    query: ReviewListQuerySchema,
    response: pageOf(ManagementReviewSchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/management-reviews",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Plan a management review",
    params: OrgParamsSchema,
    body: ManagementReviewInputSchema,
    response: ManagementReviewSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/management-reviews/:reviewId",
    access: access.org(managementReviewPolicy, "read"),
    tags: managementReviewTags,
    summary: "One management review with its inputs, outputs and approval",
    params: ReviewParamsSchema,
    response: ManagementReviewSchema,
  }),
  addInput: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/management-reviews/:reviewId/inputs",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Take the inputs from the registers (9.3.2 topics) and freeze them on the review",
    params: ReviewParamsSchema,
    body: ReviewDecisionSchema,
    response: ManagementReviewSchema,
  }),
  addOutput: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/management-reviews/:reviewId/outputs",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Record a decision or an action (owner and due date)",
    params: ReviewParamsSchema,
    body: ReviewOutputInputSchema,
    response: ReviewOutputSchema,
    status: 201,
  }),
  outputs: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/management-reviews/:reviewId/outputs",
    access: access.org(managementReviewPolicy, "read"),
    tags: managementReviewTags,
    summary: "The review's decisions and actions",
    params: ReviewParamsSchema,
    response: z.object({ items: z.array(ReviewOutputSchema) }),
  }),
  output: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/review-outputs/:outputId",
    access: access.org(managementReviewPolicy, "read"),
    tags: managementReviewTags,
    summary: "One decision or action of a review",
    params: OutputParamsSchema,
    response: ReviewOutputSchema,
  }),
  removeOutput: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/review-outputs/:outputId",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Remove a decision or action (not after approval)",
    params: OutputParamsSchema,
    response: OkSchema,
  }),
  submit: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/management-reviews/:reviewId/submit",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Submit the minutes to top management: the exact content is bound to the approval",
    params: ReviewParamsSchema,
    body: ReviewDecisionSchema,
    response: ManagementReviewSchema,
  }),
  approve: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/management-reviews/:reviewId/approve",
    access: access.org(managementReviewPolicy, "approve"),
    tags: managementReviewTags,
    summary: "Approve the minutes as submitted (refused when they changed since); they are immutable afterwards",
    params: ReviewParamsSchema,
    body: ReviewDecisionSchema,
    response: ManagementReviewSchema,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/management-reviews/:reviewId",
    access: access.org(managementReviewPolicy, "write"),
    tags: managementReviewTags,
    summary: "Remove a review that is only planned",
    params: ReviewParamsSchema,
    response: OkSchema,
  }),
};

/** Management reviews as the register kit takes them. */
export const managementReviewRegister = {
  list: managementReviewEndpoints.list,
  create: managementReviewEndpoints.create,
  ...managementReviewEndpoints.update,
  remove: managementReviewEndpoints.remove,
};

/** A review's outputs as a register: listed and added under the review (`reviewId`), changed and removed at review-outputs/:outputId. */
export const reviewOutputRegister = {
  list: managementReviewEndpoints.outputs,
  create: managementReviewEndpoints.addOutput,
  ...managementReviewEndpoints.updateOutput,
  remove: managementReviewEndpoints.removeOutput,
};
