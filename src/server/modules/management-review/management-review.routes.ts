import type { z } from "zod";
import { managementReviewEndpoints, type ReviewOutputSchema } from "../../../contracts/management-review.js";
import { withWrite } from "../../db/audited.js";
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
  listReviews,
  presentReview,
  removeOutput,
  removeReview,
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
    return listReviews(db, orgId, request.query);
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
    await withWrite(db, writeMeta(request), (ctx) => removeOutput(ctx, orgId, request.params.outputId));
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
    await withWrite(db, writeMeta(request), (ctx) => removeReview(ctx, orgId, review));
    return { ok: true as const };
  });
};
