import { z } from "zod";
import { OkSchema, OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  ManagementReviewInputSchema,
  ManagementReviewSchema,
  OutputParamsSchema,
  ReviewDecisionSchema,
  ReviewListQuerySchema,
  ReviewOutputInputSchema,
  ReviewOutputSchema,
  ReviewParamsSchema,
} from "../../../contracts/management-review.js";
import { managementReviewPolicy } from "../../../core/access/policies.js";
import { deleteAudited, withWrite } from "../../db/audited.js";
import { paginate } from "../../db/paginate.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  approveMinutes,
  createOutput,
  createReview,
  findOutput,
  findReview,
  OUTPUT,
  presentReview,
  presentReviews,
  REVIEW,
  refuseApproved,
  submitMinutes,
  takeInputs,
  updateOutput,
  updateReview,
} from "./management-review.repo.js";

const tags = ["management review"];
const read = access.org(managementReviewPolicy, "read");
const write = access.org(managementReviewPolicy, "write");
const approve = access.org(managementReviewPolicy, "approve");

export const managementReviewRoutes: RouteModule = (app, { db }) => {
  const outputView = async (orgId: string, outputId: string) => {
    const output = await findOutput(db, orgId, outputId);
    const review = await presentReview(db, orgId, await findReview(db, orgId, output.review_id));
    return review.outputs.find((o) => o.id === outputId) as z.input<typeof ReviewOutputSchema>;
  };
  const current = async (orgId: string, id: string) => presentReview(db, orgId, await findReview(db, orgId, id));

  app.get("/orgs/:orgId/management-reviews", {
    config: { access: read },
    schema: {
      tags,
      summary: "List management reviews",
      params: OrgParamsSchema,
      querystring: ReviewListQuerySchema,
      response: { 200: pageOf(ManagementReviewSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const query = db.kysely.selectFrom("management_reviews").selectAll().where("org_id", "=", orgId);
      const result = await paginate(query, "number", { ...request.query, sort: "number" }, (row) => row);
      return { items: await presentReviews(db, orgId, result.items), nextCursor: result.nextCursor };
    },
  });

  app.post("/orgs/:orgId/management-reviews", {
    config: { access: write },
    schema: {
      tags,
      summary: "Plan a management review",
      params: OrgParamsSchema,
      body: ManagementReviewInputSchema,
      response: { 201: ManagementReviewSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const row = await withWrite(db, writeMeta(request), (ctx) => createReview(ctx, orgId, request.body));
      return reply.status(201).send(await presentReview(db, orgId, row));
    },
  });

  app.get("/orgs/:orgId/management-reviews/:reviewId", {
    config: { access: read },
    schema: {
      tags,
      summary: "One management review with its inputs, outputs and approval",
      params: ReviewParamsSchema,
      response: { 200: ManagementReviewSchema },
    },
    handler: async (request) => current(requireMember(request).orgId, request.params.reviewId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/management-reviews/:reviewId",
    access: write,
    tags,
    summary: "a management review (refused once its minutes are approved)",
    params: ReviewParamsSchema,
    body: ManagementReviewInputSchema.extend({ version: z.number().int().min(1) }),
    response: ManagementReviewSchema,
    current: async (request, params) => current(requireMember(request).orgId, params.reviewId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const row = await withWrite(db, writeMeta(request), (ctx) => updateReview(ctx, orgId, params.reviewId, input, version));
      return presentReview(db, orgId, row);
    },
  });

  app.post("/orgs/:orgId/management-reviews/:reviewId/inputs", {
    config: { access: write },
    schema: {
      tags,
      summary: "Take the inputs from the registers (9.3.2 topics) and freeze them on the review",
      params: ReviewParamsSchema,
      body: ReviewDecisionSchema,
      response: { 200: ManagementReviewSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const review = await findReview(db, orgId, request.params.reviewId);
      const row = await withWrite(db, writeMeta(request), (ctx) => takeInputs(ctx, orgId, review, request.body.version));
      return presentReview(db, orgId, row);
    },
  });

  app.post("/orgs/:orgId/management-reviews/:reviewId/outputs", {
    config: { access: write },
    schema: {
      tags,
      summary: "Record a decision or an action (owner and due date)",
      params: ReviewParamsSchema,
      body: ReviewOutputInputSchema,
      response: { 201: ReviewOutputSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const review = await findReview(db, orgId, request.params.reviewId);
      const row = await withWrite(db, writeMeta(request), (ctx) => createOutput(ctx, orgId, review, request.body));
      return reply.status(201).send(await outputView(orgId, row.id));
    },
  });

  app.get("/orgs/:orgId/management-reviews/:reviewId/outputs", {
    config: { access: read },
    schema: {
      tags,
      summary: "The review's decisions and actions",
      params: ReviewParamsSchema,
      response: { 200: z.object({ items: z.array(ReviewOutputSchema) }) },
    },
    handler: async (request) => ({ items: (await current(requireMember(request).orgId, request.params.reviewId)).outputs }),
  });

  app.get("/orgs/:orgId/review-outputs/:outputId", {
    config: { access: read },
    schema: { tags, summary: "One decision or action of a review", params: OutputParamsSchema, response: { 200: ReviewOutputSchema } },
    handler: async (request) => outputView(requireMember(request).orgId, request.params.outputId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/review-outputs/:outputId",
    access: write,
    tags,
    summary: "a decision or action (after approval only its status)",
    params: OutputParamsSchema,
    body: ReviewOutputInputSchema.extend({ version: z.number().int().min(1) }),
    response: ReviewOutputSchema,
    references: { owner: "ownerUserId" },
    current: async (request, params) => outputView(requireMember(request).orgId, params.outputId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await withWrite(db, writeMeta(request), (ctx) => updateOutput(ctx, orgId, params.outputId, input, version));
      return outputView(orgId, params.outputId);
    },
  });

  app.delete("/orgs/:orgId/review-outputs/:outputId", {
    config: { access: write },
    schema: { tags, summary: "Remove a decision or action (not after approval)", params: OutputParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const output = await findOutput(db, orgId, request.params.outputId);
      refuseApproved(await findReview(db, orgId, output.review_id));
      await withWrite(db, writeMeta(request), (ctx) =>
        deleteAudited(ctx, "review_outputs", output.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } }),
      );
      return { ok: true as const };
    },
  });

  app.post("/orgs/:orgId/management-reviews/:reviewId/submit", {
    config: { access: write },
    schema: {
      tags,
      summary: "Submit the minutes to top management: the exact content is bound to the approval",
      params: ReviewParamsSchema,
      body: ReviewDecisionSchema,
      response: { 200: ManagementReviewSchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const review = await findReview(db, orgId, request.params.reviewId);
      const row = await withWrite(db, writeMeta(request), (ctx) =>
        submitMinutes(ctx, orgId, review, principal.userId, request.body.version),
      );
      return presentReview(db, orgId, row);
    },
  });

  app.post("/orgs/:orgId/management-reviews/:reviewId/approve", {
    config: { access: approve },
    schema: {
      tags,
      summary: "Approve the minutes as submitted (refused when they changed since); they are immutable afterwards",
      params: ReviewParamsSchema,
      body: ReviewDecisionSchema,
      response: { 200: ManagementReviewSchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const review = await findReview(db, orgId, request.params.reviewId);
      const row = await withWrite(db, writeMeta(request), (ctx) =>
        approveMinutes(ctx, orgId, review, principal.userId, request.body.version),
      );
      return presentReview(db, orgId, row);
    },
  });

  app.delete("/orgs/:orgId/management-reviews/:reviewId", {
    config: { access: write },
    schema: { tags, summary: "Remove a review that is only planned", params: ReviewParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const review = await findReview(db, orgId, request.params.reviewId);
      refuseApproved(review);
      await withWrite(db, writeMeta(request), async (ctx) => {
        const outputs = await ctx.trx.selectFrom("review_outputs").select("id").where("review_id", "=", review.id).execute();
        for (const o of outputs) await deleteAudited(ctx, "review_outputs", o.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } });
        await deleteAudited(ctx, "management_reviews", review.id, { orgId, entityType: REVIEW, scope: { org_id: orgId } });
      });
      return { ok: true as const };
    },
  });
};
