import { FileDownloadSchema, OrgParamsSchema } from "../../../contracts/common.js";
import { CalendarQuerySchema, MyWorkQuerySchema, MyWorkSchema } from "../../../contracts/work.js";
import { processPolicy, registerPolicy } from "../../../core/access/policies.js";
import { addDaysTo } from "../../../core/work/recurrence.js";
import { access, requireMember } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { today } from "../risks/index.js";
import { allDueItems, calendarOf, myWork } from "./work.service.js";

const tags = ["my work"];

export const workRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/my-work", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "Everything due for the caller within the next N days (and overdue): data collections, refresher training and the other areas' recurring work; ISMS managers also see work nobody owns",
      params: OrgParamsSchema,
      querystring: MyWorkQuerySchema,
      response: { 200: MyWorkSchema },
    },
    handler: async (request) => {
      const { orgId, role, principal } = requireMember(request);
      const now = today();
      return myWork(db, orgId, principal.userId, now, addDaysTo(now, request.query.days), processPolicy.can({ role }, "manage"));
    },
  });

  app.get("/orgs/:orgId/calendar.ics", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "The organization's calendar feed (iCalendar): every dated item of recurring work for the next N days, one all-day event each. Subscribe with an API token: as `Authorization: Bearer <token>`, or as the password of HTTP basic authentication (any user name)",
      params: OrgParamsSchema,
      querystring: CalendarQuerySchema,
      produces: ["text/calendar"],
      response: { 200: FileDownloadSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const now = today();
      const [org, items] = await Promise.all([
        db.kysely.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirst(),
        allDueItems(db, orgId, addDaysTo(now, request.query.days)),
      ]);
      const base = `${request.protocol}://${request.host}`;
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", 'inline; filename="isms-work.ics"')
        .send(calendarOf(org?.name ?? "ISMS", items, base, orgId));
    },
  });
};
