import { OrgParamsSchema } from "../../../contracts/common.js";
import { InboxSchema } from "../../../contracts/inbox.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { access, requireMember } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { inboxFor } from "./inbox.service.js";

/** "Waiting for you": what the caller has to decide, ask for again or review, in this organization. */
export const inboxRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/inbox", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags: ["inbox"],
      summary: "What awaits the caller: gates to decide or ask again for, stale or expiring risk decisions, reviews coming due",
      params: OrgParamsSchema,
      response: { 200: InboxSchema },
    },
    handler: async (request) => {
      const { orgId, role, principal } = requireMember(request);
      return inboxFor(db, orgId, { userId: principal.userId, role });
    },
  });
};
