import { OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  GapAssessInputSchema,
  GapBulkInputSchema,
  GapBulkResultSchema,
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
import { assess, assessMany, type BulkItemError, bulkProblem, gapItem, gapSummary, iso27001Reference, listGap } from "./gap.repo.js";

/** The schema's problems with a bulk request, each on the item it is about, named by its item id where the request gives one. */
function bulkSchemaErrors(body: unknown): BulkItemError[] {
  const result = GapBulkInputSchema.safeParse(body);
  if (result.success) return [];
  const sent = (body as { items?: unknown } | null)?.items;
  return result.error.issues.flatMap((issue) => {
    const [top, index] = issue.path;
    const raw = top === "items" && typeof index === "number" && Array.isArray(sent) ? (sent[index] as { itemId?: unknown } | null) : null;
    const item = typeof raw?.itemId === "string" ? raw.itemId : null;
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => ({
      field: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join(".") || "body",
      item,
      message: key === undefined ? issue.message : "is not a known field",
    }));
  });
}

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

  app.post("/orgs/:orgId/gap/bulk", {
    config: { access: access.org(registerPolicy, "write") },
    // The schema's errors are reported by item, naming each item, rather than by position alone.
    attachValidation: true,
    schema: {
      tags,
      summary:
        "Assess several items in one call, all or nothing: each item with the version you read (0 the first time). Every problem is listed in `errors`, each naming its item (`item`) and field; 400 for invalid items, 409 with the current items for stale versions",
      params: OrgParamsSchema,
      body: GapBulkInputSchema,
      response: { 200: GapBulkResultSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      if (request.validationError) {
        const errors = bulkSchemaErrors(request.body);
        if (errors.length > 0) throw bulkProblem(400, errors);
        throw request.validationError;
      }
      return { items: await assessMany(db, writeMeta(request), orgId, request.body.items) };
    },
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
