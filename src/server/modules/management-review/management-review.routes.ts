import type { z } from "zod";
import { managementReviewEndpoints, type ReviewOutputSchema } from "../../../contracts/management-review.js";
import { deleteAudited, withWrite } from "../../db/audited.js";
import { paginate } from "../../db/paginate.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
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

export const managementReviewRoutes: RouteModule = (app, { db }) => {
  const outputView = async (orgId: string, outputId: string) => {
    const output = await findOutput(db, orgId, outputId);
    const review = await presentReview(db, orgId, await findReview(db, orgId, output.review_id));
    return review.outputs.find((o) => o.id === outputId) as z.input<typeof ReviewOutputSchema>;
  };
  const current = async (orgId: string, id: string) => presentReview(db, orgId, await findReview(db, orgId, id));

  serveEndpoint(app, managementReviewEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const query = db.kysely.selectFrom("management_reviews").selectAll().where("org_id", "=", orgId);
    const result = await paginate(query, "number", { ...request.query, sort: "number" }, (row) => row);
    return { items: await presentReviews(db, orgId, result.items), nextCursor: result.nextCursor };
  });

  serveEndpoint(app, managementReviewEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await withWrite(db, writeMeta(request), (ctx) => createReview(ctx, orgId, request.body));
    return reply.status(201).send(await presentReview(db, orgId, row));
  });

  serveEndpoint(app, managementReviewEndpoints.get, async (request) => current(requireMember(request).orgId, request.params.reviewId));

  updateRoutes(app, {
    endpoints: managementReviewEndpoints.update,
    current: async (request, params) => current(requireMember(request).orgId, params.reviewId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const row = await withWrite(db, writeMeta(request), (ctx) => updateReview(ctx, orgId, params.reviewId, input, version));
      return presentReview(db, orgId, row);
    },
  });

  serveEndpoint(app, managementReviewEndpoints.addInput, async (request) => {
    const { orgId } = requireMember(request);
    const review = await findReview(db, orgId, request.params.reviewId);
    const row = await withWrite(db, writeMeta(request), (ctx) => takeInputs(ctx, orgId, review, request.body.version));
    return presentReview(db, orgId, row);
  });

  serveEndpoint(app, managementReviewEndpoints.addOutput, async (request, reply) => {
    const { orgId } = requireMember(request);
    const review = await findReview(db, orgId, request.params.reviewId);
    const row = await withWrite(db, writeMeta(request), (ctx) => createOutput(ctx, orgId, review, request.body));
    return reply.status(201).send(await outputView(orgId, row.id));
  });

  serveEndpoint(app, managementReviewEndpoints.outputs, async (request) => ({
    items: (await current(requireMember(request).orgId, request.params.reviewId)).outputs,
  }));

  serveEndpoint(app, managementReviewEndpoints.output, async (request) =>
    outputView(requireMember(request).orgId, request.params.outputId),
  );

  updateRoutes(app, {
    endpoints: managementReviewEndpoints.updateOutput,
    references: { owner: "ownerUserId" },
    current: async (request, params) => outputView(requireMember(request).orgId, params.outputId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await withWrite(db, writeMeta(request), (ctx) => updateOutput(ctx, orgId, params.outputId, input, version));
      return outputView(orgId, params.outputId);
    },
  });

  serveEndpoint(app, managementReviewEndpoints.removeOutput, async (request) => {
    const { orgId } = requireMember(request);
    const output = await findOutput(db, orgId, request.params.outputId);
    refuseApproved(await findReview(db, orgId, output.review_id));
    await withWrite(db, writeMeta(request), (ctx) =>
      deleteAudited(ctx, "review_outputs", output.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } }),
    );
    return { ok: true as const };
  });

  serveEndpoint(app, managementReviewEndpoints.submit, async (request) => {
    const { orgId, principal } = requireMember(request);
    const review = await findReview(db, orgId, request.params.reviewId);
    const row = await withWrite(db, writeMeta(request), (ctx) => submitMinutes(ctx, orgId, review, principal.userId, request.body.version));
    return presentReview(db, orgId, row);
  });

  serveEndpoint(app, managementReviewEndpoints.approve, async (request) => {
    const { orgId, principal } = requireMember(request);
    const review = await findReview(db, orgId, request.params.reviewId);
    const row = await withWrite(db, writeMeta(request), (ctx) =>
      approveMinutes(ctx, orgId, review, principal.userId, request.body.version),
    );
    return presentReview(db, orgId, row);
  });

  serveEndpoint(app, managementReviewEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    const review = await findReview(db, orgId, request.params.reviewId);
    refuseApproved(review);
    await withWrite(db, writeMeta(request), async (ctx) => {
      const outputs = await ctx.trx.selectFrom("review_outputs").select("id").where("review_id", "=", review.id).execute();
      for (const o of outputs) await deleteAudited(ctx, "review_outputs", o.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } });
      await deleteAudited(ctx, "management_reviews", review.id, { orgId, entityType: REVIEW, scope: { org_id: orgId } });
    });
    return { ok: true as const };
  });
};
