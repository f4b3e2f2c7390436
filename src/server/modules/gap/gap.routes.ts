import { OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  GapAssessInputSchema,
  GapItemParamsSchema,
  GapItemSchema,
  GapListQuerySchema,
  GapSummarySchema,
  ReferenceSchema,
} from "../../../contracts/gap.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { assess, gapItem, gapSummary, iso27001Reference, listGap } from "./gap.repo.js";

/** Activity 7.4: the current state of every ISO/IEC 27001:2022 clause item and Annex A control. */
const tags = ["gap assessment"];

export const gapRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/reference/iso27001-2022", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "The ISO/IEC 27001:2022 clauses and Annex A controls (identifiers and short titles)",
      params: OrgParamsSchema,
      response: { 200: ReferenceSchema },
    },
    handler: async () => iso27001Reference().reference,
  });

  app.get("/orgs/:orgId/gap", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Every clause item and Annex A control with its assessment, in the standard's order",
      params: OrgParamsSchema,
      querystring: GapListQuerySchema,
      response: { 200: pageOf(GapItemSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { cursor, limit, ...filter } = request.query;
      return listGap(db, orgId, filter, { cursor, limit });
    },
  });

  app.get("/orgs/:orgId/gap/summary", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Status counts and maturity profile by control theme and by clause, and whether every item is assessed",
      params: OrgParamsSchema,
      response: { 200: GapSummarySchema },
    },
    handler: async (request) => gapSummary(db, requireMember(request).orgId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/gap/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "one item's assessment (send the version you read; 0 the first time)",
    params: GapItemParamsSchema,
    body: GapAssessInputSchema,
    response: GapItemSchema,
    current: (request, params) => gapItem(db, requireMember(request).orgId, params.itemId),
    write: (request, params, body) => assess(db, writeMeta(request), requireMember(request).orgId, params.itemId, body),
  });
};
