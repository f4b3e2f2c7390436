import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { OrgParamsSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";

export const DueItemSchema = z.object({
  kind: z.string().describe("what is due: measure_collection, training_refresher, …"),
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  due: z.string().describe("YYYY-MM-DD"),
  ownerId: z.string().nullable().describe("the member it is for; null when nobody in particular"),
  path: z.string().describe("web path under /orgs/:orgId"),
});

export const MyWorkQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(366).default(30).describe("how far ahead to look"),
});

export const MyWorkSchema = z.object({
  until: z.string(),
  items: z.array(DueItemSchema.extend({ overdue: z.boolean() })),
});
export type MyWork = z.infer<typeof MyWorkSchema>;

export const CalendarQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(730).default(180).describe("how far ahead the feed reaches"),
});

const tags = ["my work"];

/** The recurring-work endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const workEndpoints = {
  myWork: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/my-work",
    access: access.org(registerPolicy, "read"),
    tags,
    summary:
      "Everything due for the caller within the next N days (and overdue): data collections, refresher training and the other areas' recurring work; ISMS managers also see work nobody owns",
    params: OrgParamsSchema,
    query: MyWorkQuerySchema,
    response: MyWorkSchema,
  }),
  calendar: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/calendar.ics",
    access: access.org(registerPolicy, "read"),
    tags,
    summary:
      "The organization's calendar feed (iCalendar): every dated item of recurring work for the next N days, one all-day event each. Subscribe with an API token: as `Authorization: Bearer <token>`, or as the password of HTTP basic authentication (any user name)",
    params: OrgParamsSchema,
    query: CalendarQuerySchema,
    response: fileResponse("text/calendar"),
  }),
};
