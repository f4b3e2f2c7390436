import type { Inbox, InboxItem } from "../../../contracts/inbox.js";
import { approvalPolicy, processPolicy } from "../../../core/access/policies.js";
import type { Role } from "../../../core/access/roles.js";
import { addDays } from "../../../core/dates.js";
import { reader } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { buildArtifact, latestApprovals } from "../approvals/index.js";
import { dueItems as reviewsDue } from "../management-review/index.js";
import { dueItems as correctiveActionsDue } from "../nonconformities/index.js";
import "../documents/index.js";
import { orgCatalog } from "../process/index.js";
import { decisionStates, today } from "../risks/index.js";

/** How far ahead a date counts as coming up: a month for decisions and documents, two weeks for a risk's review. */
export const DECISION_HORIZON_DAYS = 30;
export const DOCUMENT_HORIZON_DAYS = 30;
export const RISK_REVIEW_HORIZON_DAYS = 14;

const KIND_ORDER: InboxItem["kind"][] = [
  "gate_decision",
  "gate_rejected",
  "gate_stale",
  "risk_decision_stale",
  "acceptance_expiring",
  "risk_review_due",
  "document_review_due",
  "corrective_action_due",
  "management_review_due",
];

/**
 * What awaits this member, computed from the registers now (nothing is stored): gates to
 * decide (top management), gates to ask again for (the ISMS manager), risk decisions that went
 * stale or run out (the risk's owner and the ISMS manager), and reviews coming due.
 */
export async function inboxFor(db: Db, orgId: string, who: { userId: string; role: Role }, now = today()): Promise<Inbox> {
  const decides = approvalPolicy.can({ role: who.role }, "decide");
  const requests = approvalPolicy.can({ role: who.role }, "request");
  const manages = processPolicy.can({ role: who.role }, "manage");
  const items: InboxItem[] = [];
  const item = (i: Omit<InboxItem, "overdue" | "activityId" | "link" | "due"> & Partial<InboxItem>): InboxItem => ({
    due: null,
    activityId: null,
    link: null,
    ...i,
    overdue: i.due ? i.due < now : false,
  });

  if (decides || requests) {
    const [latest, { catalog }] = await Promise.all([latestApprovals(db, orgId), orgCatalog(db, orgId)]);
    const titleOf = (activityId: string) => catalog.activities.find((a) => a.id === activityId)?.title ?? "";
    for (const row of latest.values()) {
      const what = `${row.activity_id} ${titleOf(row.activity_id)}`.trim();
      if (row.status === "pending" && decides) {
        items.push(
          item({
            kind: "gate_decision",
            title: `Gate ${row.gate_id}: ${what}`,
            detail: `${row.requested_by_name ?? "The ISMS manager"} asked for your approval on ${row.requested_at.slice(0, 10)}. Review what was submitted, then approve or reject it.`,
            activityId: row.activity_id,
          }),
        );
      } else if (row.status === "rejected" && requests) {
        items.push(
          item({
            kind: "gate_rejected",
            title: `Gate ${row.gate_id}: ${what}`,
            detail: `Rejected${row.decided_by_name ? ` by ${row.decided_by_name}` : ""}${row.decision_comment ? `: "${row.decision_comment}"` : ""}. Address it, then ask for approval again.`,
            activityId: row.activity_id,
          }),
        );
      } else if (row.status === "approved" && requests) {
        const artifact = await buildArtifact(db, orgId, row.activity_id);
        if (artifact && artifact.hash !== row.artifact_hash) {
          items.push(
            item({
              kind: "gate_stale",
              title: `Gate ${row.gate_id}: ${what}`,
              detail: "What management approved has changed since, so the approval no longer holds. Ask for approval again.",
              activityId: row.activity_id,
            }),
          );
        }
      }
    }
  }

  const decisionLimit = addDays(now, DECISION_HORIZON_DAYS);
  const states = await decisionStates(db, orgId, now, true);
  for (const s of states) {
    if (s.risk.status !== "open" || !(manages || s.risk.owner_user_id === who.userId)) continue;
    const risk = `${s.risk.ref} ${s.risk.title}`;
    const link = { register: "risks", id: s.risk.id };
    for (const kind of ["treatment", "acceptance"] as const) {
      if (s[kind].state === "stale") {
        items.push(
          item({
            kind: "risk_decision_stale",
            title: risk,
            detail: `The ${kind === "treatment" ? "treatment approval" : "acceptance of the residual risk"} no longer holds: the risk changed after it was decided. Decide again.`,
            link,
          }),
        );
      }
    }
    const expires = s.acceptance.expiresOn;
    if (expires && (s.acceptance.state === "expired" || (s.acceptance.state === "valid" && expires <= decisionLimit))) {
      items.push(
        item({
          kind: "acceptance_expiring",
          title: risk,
          detail:
            s.acceptance.state === "expired"
              ? `The acceptance of its residual risk ran out on ${expires}. Accept it again or treat the risk further.`
              : `The acceptance of its residual risk runs out on ${expires}. Review it before then.`,
          due: expires,
          link,
        }),
      );
    }
  }

  const k = reader(db);
  let reviews = k
    .selectFrom("risks")
    .select(["id", "ref", "title", "review_date"])
    .where("org_id", "=", orgId)
    .where("status", "=", "open")
    .where("review_date", "is not", null)
    .where("review_date", "<=", addDays(now, RISK_REVIEW_HORIZON_DAYS));
  if (!manages) reviews = reviews.where("owner_user_id", "=", who.userId);
  for (const r of await reviews.orderBy("review_date").limit(50).execute()) {
    const due = r.review_date as string;
    items.push(
      item({
        kind: "risk_review_due",
        title: `${r.ref} ${r.title}`,
        detail: due < now ? `Its review was due on ${due}.` : `Its review is due on ${due}.`,
        due,
        link: { register: "risks", id: r.id },
      }),
    );
  }

  if (manages) {
    const documents = await k
      .selectFrom("documents")
      .select(["id", "identifier", "title", "next_review_date"])
      .where("org_id", "=", orgId)
      .where("retired_at", "is", null)
      .where("next_review_date", "<=", addDays(now, DOCUMENT_HORIZON_DAYS))
      .orderBy("next_review_date")
      .limit(50)
      .execute();
    for (const d of documents) {
      items.push(
        item({
          kind: "document_review_due",
          title: `${d.identifier} ${d.title}`,
          detail: d.next_review_date < now ? `Its review was due on ${d.next_review_date}.` : `Its review is due on ${d.next_review_date}.`,
          due: d.next_review_date,
          link: { register: "policies" },
        }),
      );
    }
  }

  // Corrective actions (their owners; the ISMS manager sees all) and management reviews coming due.
  const horizon = addDays(now, RISK_REVIEW_HORIZON_DAYS);
  for (const a of await correctiveActionsDue(db, orgId, horizon)) {
    if (!(manages || a.ownerId === who.userId)) continue;
    items.push(
      item({
        kind: "corrective_action_due",
        title: `${a.reference} ${a.title}`,
        detail: a.due < now ? `This corrective action was due on ${a.due}.` : `This corrective action is due on ${a.due}.`,
        due: a.due,
        link: { register: "nonconformities", id: a.path.split("/").pop() as string },
      }),
    );
  }
  if (manages) {
    for (const r of (await reviewsDue(db, orgId, addDays(now, DOCUMENT_HORIZON_DAYS))).filter((r) => r.kind === "management-review"))
      items.push(
        item({
          kind: "management_review_due",
          title: `${r.reference} ${r.title}`,
          detail: r.due < now ? `The management review was due on ${r.due}.` : `The management review is due on ${r.due}.`,
          due: r.due,
          link: { register: "management-reviews" },
        }),
      );
  }

  items.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.due ?? "").localeCompare(b.due ?? ""));
  return { items };
}
