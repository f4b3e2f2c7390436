import { trendOption } from "../../../../core/charts/options.js";
import type { Block, Cell } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { listMeasures, measureRow, seriesOf } from "../../measures/index.js";
import { type Loader, para, text, words } from "./shared.js";

// --- 9.2 measurement report with trend charts -----------------------------------------------------
/** Trend charts drawn at most (the values table holds every measure). */
export const MAX_TRENDS = 24;

export const measurementReport: Loader = async (db, orgId, format) => {
  const S = STRINGS.measurementReport;
  const measures = await listMeasures(db, orgId);
  if (measures.length === 0) return { sections: [{ id: "summary", title: S.summary, blocks: [para(S.none)] }] };
  const series = await Promise.all(
    measures.map(async (m) => ({ m, points: await seriesOf(db, orgId, await measureRow(db, orgId, m.id)) })),
  );
  const num = (v: number | null) => (v === null ? "—" : format.number(v));
  const STATUS_FILL: Record<string, string> = { on_target: "#b2f2bb", monitor: "#ffec99", act: "#ffc9c9" };
  const statusCell = (s: string | null): Cell => (s ? { text: words(s), ...(STATUS_FILL[s] ? { fill: STATUS_FILL[s] } : {}) } : "—");
  const withValues = series.filter((s) => s.points.some((p) => p.value !== null));
  return {
    sections: [
      {
        id: "summary",
        title: S.summary,
        blocks: [
          {
            kind: "table",
            id: "measures",
            title: S.summary,
            columns: [
              { key: "ref", title: S.cols.ref, width: 0.8 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "unit", title: S.cols.unit, width: 0.8 },
              { key: "target", title: S.cols.target, width: 0.8 },
              { key: "latest", title: S.cols.latest, width: 1.2 },
              { key: "status", title: S.cols.status, width: 1 },
              { key: "owner", title: S.cols.owner, width: 1.4 },
            ],
            rows: measures.map((m) => [
              m.ref,
              m.title,
              m.unit,
              num(m.target),
              m.latest ? `${num(m.latest.value)} (${m.latest.period})` : S.noValues,
              statusCell(m.latest?.status ?? null),
              m.ownerName ?? "",
            ]),
          },
        ],
      },
      {
        id: "trends",
        title: S.trends,
        blocks: withValues.length
          ? withValues.slice(0, MAX_TRENDS).map(
              ({ m, points }): Block => ({
                kind: "chart",
                id: `trend-${m.ref}`,
                title: `${m.ref} ${m.title}`,
                chart: {
                  option: trendOption(`${m.ref} ${m.title} (${m.unit})`, points, m.target, { line: "#1c7ed6", target: "#e03131" }),
                  width: 700,
                  height: 240,
                },
                alt: `${m.ref} ${m.title}: ${points.map((p) => `${p.period} ${num(p.value)}`).join(", ")}${m.target !== null ? `; target ${num(m.target)}` : ""}`,
              }),
            )
          : [para(S.noValues)],
      },
      {
        id: "values",
        title: S.values,
        blocks: [
          {
            kind: "table",
            id: "values",
            title: S.values,
            columns: [
              { key: "ref", title: S.cols.ref, width: 0.8 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "period", title: S.cols.period, width: 1 },
              { key: "value", title: S.cols.value, width: 1 },
              { key: "status", title: S.cols.status, width: 1 },
            ],
            rows: series.flatMap(({ m, points }) =>
              points.map((p) => [m.ref, m.title, p.period, p.value === null ? `— ${text(p.reason)}` : num(p.value), statusCell(p.status)]),
            ),
          },
        ],
      },
    ],
  };
};
