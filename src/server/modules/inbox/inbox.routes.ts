import { inboxEndpoints } from "../../../contracts/inbox.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { inboxFor } from "./inbox.service.js";

/** "Waiting for you": what the caller has to decide, ask for again or review, in this organization. */
export const inboxRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, inboxEndpoints.inbox, async (request) => {
    const { orgId, role, principal } = requireMember(request);
    return inboxFor(db, orgId, { userId: principal.userId, role });
  });
};
