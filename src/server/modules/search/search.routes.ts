import { searchEndpoints } from "../../../contracts/search.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { searchRegisters } from "./search.repo.js";

/** The web app's global search (Ctrl/⌘-K): one request across the registers every member may read. */
export const searchRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, searchEndpoints.search, async (request) => searchRegisters(db, requireMember(request).orgId, request.query.q));
};
