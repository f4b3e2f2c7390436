import { OrgParamsSchema } from "../../../contracts/common.js";
import { SearchQuerySchema, SearchResultSchema } from "../../../contracts/search.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { access, requireMember } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { searchRegisters } from "./search.repo.js";

/** The web app's global search (Ctrl/⌘-K): one request across the registers every member may read. */
export const searchRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/search", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags: ["search"],
      summary: "Risks, assets, requirements, controls, scope elements, documents and more whose reference or title contains the words",
      params: OrgParamsSchema,
      querystring: SearchQuerySchema,
      response: { 200: SearchResultSchema },
    },
    handler: async (request) => searchRegisters(db, requireMember(request).orgId, request.query.q),
  });
};
