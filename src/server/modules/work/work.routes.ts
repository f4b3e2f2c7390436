import { workEndpoints } from "../../../contracts/work.js";
import { processPolicy } from "../../../core/access/policies.js";
import { addDaysTo } from "../../../core/work/recurrence.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { orgName } from "../orgs/index.js";
import { today } from "../risks/index.js";
import { allDueItems, calendarOf, myWork } from "./work.service.js";

export const workRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, workEndpoints.myWork, async (request) => {
    const { orgId, role, principal } = requireMember(request);
    const now = today();
    return myWork(db, orgId, principal.userId, now, addDaysTo(now, request.query.days), processPolicy.can({ role }, "manage"));
  });

  serveEndpoint(app, workEndpoints.calendar, async (request, reply) => {
    const { orgId } = requireMember(request);
    const now = today();
    const [name, items] = await Promise.all([orgName(db, orgId), allDueItems(db, orgId, addDaysTo(now, request.query.days))]);
    const base = `${request.protocol}://${request.host}`;
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="isms-work.ics"')
      .send(calendarOf(name ?? "ISMS", items, base, orgId));
  });
};
