import type { Section } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { presentReviews } from "../../management-review/index.js";
import { type Loader, markdownBlocks, para, text, words } from "./shared.js";

// --- 9.4 management review minutes ------------------------------------------------------------------
export const managementReviewMinutes: Loader = async (db, orgId, format) => {
  const S = STRINGS.managementReview;
  const rows = await reader(db)
    .selectFrom("management_reviews")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("number", "desc")
    .execute();
  if (rows.length === 0) return { sections: [{ id: "reviews", title: S.title, blocks: [para(S.none)] }] };
  const reviews = await presentReviews(db, orgId, rows);
  return {
    sections: reviews.map(
      (r): Section => ({
        id: `review-${r.ref}`,
        title: `${r.ref} ${r.title}`,
        blocks: [
          {
            kind: "fields",
            rows: [
              ["Date", text(r.plannedDate) || "—"],
              [STRINGS.common.status, words(r.status)],
              [STRINGS.common.approvedBy, r.approvedBy?.name ?? STRINGS.common.notApproved],
              [STRINGS.common.approvedOn, text(r.approvedAt) || "—"],
            ],
          },
          { kind: "heading", text: S.participants },
          ...markdownBlocks(text(r.participants) || STRINGS.common.none),
          { kind: "heading", text: S.minutes },
          ...markdownBlocks(text(r.minutes) || STRINGS.common.none),
          {
            kind: "table",
            id: `inputs-${r.ref}`,
            title: S.inputs,
            columns: [
              { key: "topic", title: S.cols.topic, width: 2 },
              { key: "summary", title: S.cols.summary, width: 4 },
            ],
            rows: (r.inputs?.topics ?? []).map((t) => [t.title, t.summary]),
          },
          {
            kind: "table",
            id: `outputs-${r.ref}`,
            title: S.outputs,
            columns: [
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "title", title: S.cols.title, width: 3.5 },
              { key: "owner", title: S.cols.owner, width: 1.4 },
              { key: "due", title: S.cols.due, width: 1 },
              { key: "status", title: S.cols.status, width: 0.8 },
            ],
            rows: r.outputs.map((o) => [words(o.kind), o.title, o.owner?.name ?? "", format.date(o.dueDate), o.status]),
          },
        ],
      }),
    ),
  };
};
