import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { OrgParamsSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

export const INBOX_KINDS = [
  "gate_decision",
  "gate_stale",
  "gate_rejected",
  "risk_decision_stale",
  "acceptance_expiring",
  "risk_review_due",
  "document_review_due",
  "corrective_action_due",
  "management_review_due",
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const InboxSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(INBOX_KINDS),
      title: z.string().describe("what awaits: names the gate, risk or document"),
      detail: z.string().describe("why it awaits the caller and what to do"),
      due: z.string().nullable().describe("ISO date it is due or ran out, when it has one"),
      overdue: z.boolean(),
      activityId: z.string().nullable().describe("the activity page where a gate is decided or requested again"),
      link: z.object({ register: z.string(), id: z.string().optional() }).nullable(),
    }),
  ),
});
export type Inbox = z.infer<typeof InboxSchema>;
export type InboxItem = Inbox["items"][number];

/** "Waiting for you": what the caller has to decide, ask for again or review, in this organization. */
export const inboxEndpoints = {
  inbox: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/inbox",
    access: access.org(registerPolicy, "read"),
    tags: ["inbox"],
    summary: "What awaits the caller: gates to decide or ask again for, stale or expiring risk decisions, reviews coming due",
    params: OrgParamsSchema,
    response: InboxSchema,
  }),
};
