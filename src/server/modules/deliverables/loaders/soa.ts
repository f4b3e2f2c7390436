import { STRINGS } from "../../../../core/deliverables/strings.js";
import { readSoa } from "../../soa/index.js";
import { type Loader, text } from "./shared.js";

// --- 8.3 Statement of Applicability ------------------------------------------------------------
export const statementOfApplicability: Loader = async (db, orgId) => {
  const S = STRINGS.soa;
  const soa = await readSoa(db, orgId);
  const applicable = (a: boolean | null) => (a === null ? "undecided" : a ? STRINGS.common.yes : STRINGS.common.no);
  return {
    sections: [
      {
        id: "summary",
        title: S.summary,
        blocks: [
          {
            kind: "fields",
            rows: [
              ...Object.entries(soa.summary).map(([k, v]) => [k.replace(/([A-Z])/g, " $1").toLowerCase(), String(v)] as [string, string]),
              ["SoA hash", soa.hash],
              ["Issued version", soa.issued ? `${soa.issued.number}${soa.issued.matches ? " (matches)" : " (differs)"}` : "—"],
            ],
          },
        ],
      },
      {
        id: "controls",
        title: S.controls,
        blocks: [
          {
            kind: "table",
            id: "controls",
            title: S.controls,
            columns: [
              { key: "control", title: S.cols.control, width: 0.8 },
              { key: "title", title: S.cols.title, width: 2 },
              { key: "applicable", title: S.cols.applicable, width: 0.8 },
              { key: "justification", title: S.cols.justification, width: 4 },
              { key: "implementation", title: S.cols.implementation, width: 1 },
              { key: "owner", title: S.cols.owner, width: 1.1 },
            ],
            rows: soa.rows.map((r) => [
              r.control.ref,
              r.control.title,
              applicable(r.applicable),
              r.justification,
              r.implementation.replace(/_/g, " "),
              text(r.owner),
            ]),
          },
        ],
      },
    ],
    fingerprint: soa.hash,
  };
};
