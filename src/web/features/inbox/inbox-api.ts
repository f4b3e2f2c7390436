import { useQuery } from "@tanstack/react-query";
import { type InboxItem, inboxEndpoints } from "../../../contracts/inbox";
import { call } from "../../app/api-client";
import { activityHref } from "../../app/org-paths";
import { linkTarget } from "../roadmap/register-links";

export const INBOX_KEY = "inbox";

/** What awaits the signed-in member; refreshed every minute and when the window regains focus. */
export function useInbox(orgId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, orgId],
    queryFn: () => call(inboxEndpoints.inbox, { params: { orgId: orgId as string } }),
    enabled: orgId !== null,
    refetchInterval: 60_000,
  });
}

export const INBOX_KIND_LABELS: Record<InboxItem["kind"], string> = {
  gate_decision: "Approval to decide",
  gate_rejected: "Approval rejected",
  gate_stale: "Approval no longer holds",
  risk_decision_stale: "Risk decision stale",
  acceptance_expiring: "Acceptance runs out",
  risk_review_due: "Risk review due",
  document_review_due: "Document review due",
  corrective_action_due: "Corrective action due",
  management_review_due: "Management review due",
};

/** Where the item is dealt with: a gate's activity page, or the register page of the risk or document. */
export function inboxHref(orgId: string, item: InboxItem): string | null {
  if (item.activityId) return activityHref(orgId, item.activityId);
  return linkTarget(orgId, item.link)?.href ?? null;
}
