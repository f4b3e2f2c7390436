import { GapBulkInputSchema, gapEndpoints } from "../../../contracts/gap.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
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
export const gapRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, gapEndpoints.reference, () => iso27001Reference().reference);

  serveEndpoint(app, gapEndpoints.list, (request) => {
    const { orgId } = requireMember(request);
    const { cursor, limit, ...filter } = request.query;
    return listGap(db, orgId, filter, { cursor, limit });
  });

  serveEndpoint(app, gapEndpoints.summary, (request) => gapSummary(db, requireMember(request).orgId));

  // The schema's errors are reported by item, naming each item, rather than by position alone.
  serveEndpoint(
    app,
    gapEndpoints.bulk,
    async (request) => {
      const { orgId } = requireMember(request);
      if (request.validationError) {
        const errors = bulkSchemaErrors(request.body);
        if (errors.length > 0) throw bulkProblem(400, errors);
        throw request.validationError;
      }
      return { items: await assessMany(db, writeMeta(request), orgId, request.body.items) };
    },
    { attachValidation: true },
  );

  updateRoutes(app, {
    endpoints: gapEndpoints.assess,
    current: (request, params) => gapItem(db, requireMember(request).orgId, params.itemId),
    write: (request, params, body) => assess(db, writeMeta(request), requireMember(request).orgId, params.itemId, body),
  });
};
