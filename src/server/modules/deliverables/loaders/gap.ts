import { GAP_STATUS_HEX, GAP_STATUS_LABELS, maturityOption, statusByGroupOption } from "../../../../core/charts/options.js";
import type { Block } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { GAP_STATUSES, type GapStatus } from "../../../../core/gap/summary.js";
import { gapSummary, listGap } from "../../gap/index.js";
import { type Loader, text } from "./shared.js";

// --- 7.4 gap assessment report -------------------------------------------------------------------
export const gapReport: Loader = async (db, orgId) => {
  const S = STRINGS.gap;
  const [summary, list] = await Promise.all([gapSummary(db, orgId), listGap(db, orgId, {}, { limit: 10_000 })]);
  const counts = (g: { counts: Record<GapStatus, number> }) =>
    GAP_STATUSES.map((s) => `${g.counts[s] ?? 0} ${GAP_STATUS_LABELS[s].toLowerCase()}`).join(", ");
  const groupTable = (id: string, title: string, groups: typeof summary.byTheme): Block => ({
    kind: "table",
    id,
    title,
    columns: [
      { key: "group", title: S.cols.group, width: 2 },
      { key: "total", title: S.cols.total, width: 1 },
      ...GAP_STATUSES.map((s) => ({ key: s, title: GAP_STATUS_LABELS[s], width: 1 })),
      { key: "maturity", title: S.averageMaturity, width: 1 },
    ],
    rows: groups.map((g) => [
      g.title,
      String(g.total),
      ...GAP_STATUSES.map((s) => String(g.counts[s] ?? 0)),
      g.maturity.average === null ? "" : g.maturity.average.toFixed(1),
    ]),
  });
  const assessed = list.items.filter((i) => i.status !== "not_assessed");
  return {
    sections: [
      {
        id: "summary",
        title: S.summary,
        blocks: [
          {
            kind: "fields",
            rows: [
              [S.cols.total, String(summary.totals.total)],
              ...GAP_STATUSES.map((s) => [GAP_STATUS_LABELS[s], String(summary.totals.counts[s] ?? 0)] as [string, string]),
              [S.averageMaturity, summary.totals.maturity.average === null ? "—" : summary.totals.maturity.average.toFixed(2)],
              [S.complete, summary.complete ? STRINGS.common.yes : STRINGS.common.no],
            ],
          },
        ],
      },
      {
        id: "by-theme",
        title: S.byTheme,
        blocks: [
          {
            kind: "chart",
            id: "status-by-theme",
            title: S.byTheme,
            chart: {
              option: statusByGroupOption(summary.byTheme, GAP_STATUS_HEX, { legend: true }),
              width: 700,
              height: 80 + 44 * summary.byTheme.length,
            },
            alt: summary.byTheme.map((g) => `${g.title}: ${counts(g)}`).join("; "),
          },
          groupTable("themes", S.byTheme, summary.byTheme),
        ],
      },
      {
        id: "by-clause",
        title: S.byClause,
        blocks: [
          {
            kind: "chart",
            id: "status-by-clause",
            title: S.byClause,
            chart: {
              option: statusByGroupOption(summary.byClause, GAP_STATUS_HEX, { legend: true }),
              width: 700,
              height: 80 + 36 * summary.byClause.length,
            },
            alt: summary.byClause.map((g) => `${g.title}: ${counts(g)}`).join("; "),
          },
          groupTable("clauses", S.byClause, summary.byClause),
        ],
      },
      {
        id: "maturity",
        title: S.maturity,
        blocks: [
          {
            kind: "chart",
            id: "maturity",
            title: S.maturity,
            chart: { option: maturityOption(summary.totals.maturity.distribution, "#4c6ef5"), width: 700, height: 300 },
            alt: summary.totals.maturity.distribution.map((n, i) => `level ${i}: ${n}`).join(", "),
          },
        ],
      },
      {
        id: "items",
        title: S.items,
        blocks: [
          {
            kind: "table",
            id: "items",
            title: S.items,
            columns: [
              { key: "item", title: S.cols.item, width: 1 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "status", title: S.cols.status, width: 1.5 },
              { key: "maturity", title: S.cols.maturity, width: 1 },
              { key: "notes", title: S.cols.notes, width: 3 },
            ],
            rows: assessed.map((i) => [
              i.itemId,
              i.title,
              { text: GAP_STATUS_LABELS[i.status], fill: GAP_STATUS_HEX[i.status] },
              i.maturity === null ? "" : String(i.maturity),
              text(i.findings) || text(i.justification),
            ]),
          },
        ],
      },
    ],
  };
};
