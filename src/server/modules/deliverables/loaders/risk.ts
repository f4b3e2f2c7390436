import { exceedanceOption } from "../../../../core/charts/options.js";
import type { Block, Cell } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { methodInForce } from "../../risk-method/index.js";
import { aggregateQuant, dashboard, heatmap, inThread, listRisks } from "../../risks/index.js";
import { treatmentPlan } from "../../soa/index.js";
import { BATCH, type Loader, para, text } from "./shared.js";

// --- 8.2 risk assessment methodology -----------------------------------------------------------
export const riskMethodology: Loader = async (db, orgId) => {
  const S = STRINGS.method;
  const found = await methodInForce(db, orgId);
  if (!found) return { sections: [{ id: "method", title: S.overview, blocks: [para(S.noMethod)] }] };
  const m = found.method;
  const scale = (id: string, title: string, levels: typeof m.likelihood): Block => ({
    kind: "table",
    id,
    title,
    columns: [
      { key: "level", title: S.cols.level, width: 0.6 },
      { key: "name", title: S.cols.name, width: 1.2 },
      { key: "description", title: S.cols.description, width: 4 },
    ],
    rows: levels.map((l, i) => [String(i + 1), { text: l.name, fill: l.colour }, l.description]),
  });
  const rowsHighFirst = m.likelihood.map((_, i) => m.likelihood.length - 1 - i);
  return {
    sections: [
      {
        id: "overview",
        title: S.overview,
        blocks: [
          {
            kind: "fields",
            rows: [
              [STRINGS.common.version, String(found.number)],
              [STRINGS.common.status, found.approved ? "approved" : "draft"],
              ["Acceptance threshold", m.levels[m.threshold]?.name ?? String(m.threshold)],
            ],
          },
        ],
      },
      { id: "scales", title: S.scales, blocks: [scale("likelihood", "Likelihood", m.likelihood), scale("impact", "Impact", m.impact)] },
      {
        id: "matrix",
        title: S.matrix,
        blocks: [
          {
            kind: "table",
            id: "matrix",
            title: S.matrix,
            columns: [
              { key: "l", title: S.cols.likelihood, width: 1.5 },
              ...m.impact.map((l, j) => ({ key: `i${j}`, title: l.name, width: 1 })),
            ],
            rows: rowsHighFirst.map((li) => [
              m.likelihood[li]?.name ?? "",
              ...m.impact.map((_, ii) => {
                const level = m.levels[m.grid[li]?.[ii] ?? 0];
                return { text: level?.name ?? "", fill: level?.colour };
              }),
            ]),
          },
        ],
      },
      {
        id: "criteria",
        title: S.criteria,
        blocks: [
          {
            kind: "table",
            id: "criteria",
            title: S.criteria,
            columns: [
              { key: "level", title: S.cols.level, width: 1 },
              { key: "authority", title: "Who accepts", width: 2 },
              { key: "months", title: "Longest acceptance (months)", width: 1 },
            ],
            rows: m.levels.map((l, i) => [
              { text: l.name, fill: l.colour },
              i <= m.threshold ? "retained without acceptance" : (m.acceptance[i]?.authority ?? "").replace(/_/g, " "),
              m.acceptance[i]?.maxMonths == null ? "" : String(m.acceptance[i]?.maxMonths),
            ]),
          },
        ],
      },
    ],
    fingerprint: { method: found.id, approved: found.approved },
  };
};

// --- 8.2/8.3 risk assessment report (streamed register) ----------------------------------------
const levelCell = (s: { levelName: string | null; colour: string | null } | null): Cell =>
  s ? { text: s.levelName ?? "", ...(s.colour ? { fill: s.colour } : {}) } : "";

export const riskReport: Loader = async (db, orgId, format) => {
  const S = STRINGS.riskReport;
  const [dash, inherent, residual, quant, digest] = await Promise.all([
    dashboard(db, orgId),
    heatmap(db, orgId, "inherent"),
    heatmap(db, orgId, "residual"),
    aggregateQuant(db, inThread, orgId, { seed: 1, iterations: 2000 }),
    reader(db)
      .selectFrom("risks")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("latest")])
      .where("org_id", "=", orgId)
      .executeTakeFirst(),
  ]);
  const heat = (id: string, title: string, map: typeof inherent): Block => ({
    kind: "table",
    id,
    title,
    columns: [
      { key: "l", title: STRINGS.method.cols.likelihood, width: 1.5 },
      ...map.impact.map((name, j) => ({ key: `i${j}`, title: name, width: 1 })),
    ],
    rows: map.likelihood
      .map((_, i) => map.likelihood.length - i)
      .map((likelihood) => [
        map.likelihood[likelihood - 1] ?? "",
        ...map.impact.map((_, j) => {
          const c = map.cells.find((x) => x.likelihood === likelihood && x.impact === j + 1);
          const level = c ? map.levels[c.level] : undefined;
          return { text: String(c?.count ?? 0), ...(level ? { fill: level.colour } : {}), bold: true };
        }),
      ]),
  });
  const count = Number(digest?.n ?? 0);
  async function* rows(): AsyncIterable<Cell[][]> {
    let cursor: string | undefined;
    for (;;) {
      const page = await listRisks(db, orgId, { levelOf: "inherent" }, { sort: "ref", dir: "asc", limit: BATCH, cursor });
      yield page.items.map((r) => [
        r.ref,
        r.title,
        r.owner?.name ?? "",
        levelCell(r.inherent),
        levelCell(r.current),
        levelCell(r.residual),
        r.treatment ?? "",
        r.status,
      ]);
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
  const lossCurrency = quant.currencies[0] ?? format.currency;
  const loss = (amount: number) => format.money(Math.round(amount), lossCurrency, 0);
  const quantBlocks: Block[] =
    quant.current && quant.currencies.length > 0
      ? [
          {
            kind: "chart",
            id: "lec",
            title: S.quant,
            chart: {
              option: exceedanceOption(
                quant.currencies[0] ?? "EUR",
                quant.current.curve,
                quant.residual?.curve ?? null,
                { current: "#e03131", residual: "#0ca678" },
                { legend: true },
              ),
              width: 700,
              height: 320,
            },
            alt: `${quant.risks} quantified risk(s): expected annual loss ${loss(quant.current.ale)} now${quant.residual ? `, ${loss(quant.residual.ale)} after treatment` : ""}`,
          },
          {
            kind: "fields",
            rows: [
              ["Quantified risks", String(quant.risks)],
              ["Expected annual loss (current)", loss(quant.current.ale)],
              ["1 in 10 years above (current)", loss(quant.current.p90)],
              ...(quant.residual
                ? ([
                    ["Expected annual loss (residual)", loss(quant.residual.ale)],
                    ["1 in 10 years above (residual)", loss(quant.residual.p90)],
                  ] as [string, string][])
                : []),
            ],
          },
        ]
      : [para(S.quantNone)];
  return {
    sections: [
      {
        id: "summary",
        title: S.summary,
        blocks: [
          {
            kind: "fields",
            rows: [
              ["Risks", String(dash.total)],
              [S.cols.open, String(dash.open)],
              ["Awaiting acceptance", String(dash.awaitingAcceptance)],
              ["Re-score needed", String(dash.rescoreNeeded)],
            ],
          },
          {
            kind: "table",
            id: "by-level",
            title: S.cols.level,
            columns: [
              { key: "level", title: S.cols.level, width: 2 },
              { key: "inherent", title: S.cols.inherent, width: 1 },
              { key: "residual", title: S.cols.residual, width: 1 },
            ],
            rows: dash.byLevel.map((l) => [{ text: l.name, fill: l.colour }, String(l.inherent), String(l.residual)]),
          },
        ],
      },
      {
        id: "heatmaps",
        title: S.heatmaps,
        blocks: [heat("heat-inherent", S.inherent, inherent), heat("heat-residual", S.residual, residual)],
      },
      {
        id: "top",
        title: S.top,
        blocks: [
          {
            kind: "table",
            id: "top",
            title: S.top,
            columns: [
              { key: "ref", title: S.cols.ref, width: 1 },
              { key: "title", title: S.cols.title, width: 4 },
              { key: "level", title: S.cols.level, width: 1.5 },
              { key: "owner", title: S.cols.owner, width: 2 },
            ],
            rows: dash.top.map((r) => [r.ref, r.title, r.levelName ?? "", r.owner ?? ""]),
          },
        ],
      },
      { id: "quant", title: S.quant, blocks: quantBlocks },
      {
        id: "register",
        title: S.register,
        blocks: [
          {
            kind: "stream-table",
            id: "register",
            title: S.register,
            count,
            columns: [
              { key: "ref", title: S.cols.ref, width: 0.9 },
              { key: "title", title: S.cols.title, width: 3.5 },
              { key: "owner", title: S.cols.owner, width: 1.6 },
              { key: "inherent", title: S.cols.inherent, width: 1 },
              { key: "current", title: S.cols.current, width: 1 },
              { key: "residual", title: S.cols.residual, width: 1 },
              { key: "treatment", title: S.cols.treatment, width: 1 },
              { key: "status", title: S.cols.status, width: 0.8 },
            ],
            rows,
          },
        ],
      },
    ],
    fingerprint: { count, latest: digest?.latest ?? null },
  };
};

// --- 8.3/8.4 risk treatment plan ----------------------------------------------------------------
export const riskTreatmentPlan: Loader = async (db, orgId, format) => {
  const S = STRINGS.treatmentPlan;
  const [plan, decisions] = await Promise.all([
    treatmentPlan(db, orgId),
    reader(db)
      .selectFrom("risk_decisions as d")
      .innerJoin("risks as r", "r.id", "d.risk_id")
      .select(["d.id", "d.kind", "d.decided_by_label", "d.created_at", "d.expires_on", "d.revoked_at", "d.hash", "r.ref", "r.title"])
      .where("d.org_id", "=", orgId)
      .orderBy("r.number")
      .orderBy("d.created_at")
      .execute(),
  ]);
  return {
    sections: [
      {
        id: "plan",
        title: S.plan,
        blocks: [
          {
            kind: "table",
            id: "plan",
            title: S.plan,
            columns: [
              { key: "risk", title: S.cols.risk, width: 2.5 },
              { key: "treatment", title: S.cols.treatment, width: 1 },
              { key: "controls", title: S.cols.controls, width: 1.5 },
              { key: "owner", title: S.cols.owner, width: 1.2 },
              { key: "due", title: S.cols.due, width: 1 },
              { key: "current", title: S.cols.current, width: 1 },
              { key: "residual", title: S.cols.residual, width: 1 },
              { key: "approval", title: S.cols.approval, width: 1 },
            ],
            rows: plan.rows.map((r) => [
              `${r.risk.ref} ${r.risk.title}${r.plan ? `\n${r.plan}` : ""}`,
              r.treatment,
              r.controls.map((c) => c.ref).join(", "),
              text(r.owner),
              format.date(r.due),
              { text: text(r.currentLevel), ...(r.currentLevelColour ? { fill: r.currentLevelColour } : {}) },
              { text: text(r.expectedResidualLevel), ...(r.expectedResidualColour ? { fill: r.expectedResidualColour } : {}) },
              r.approval,
            ]),
          },
        ],
      },
      {
        id: "decisions",
        title: S.decisions,
        blocks: [
          {
            kind: "table",
            id: "decisions",
            title: S.decisions,
            columns: [
              { key: "risk", title: S.cols.risk, width: 2.5 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "by", title: S.cols.decidedBy, width: 1.5 },
              { key: "at", title: S.cols.decidedAt, width: 1.3 },
              { key: "state", title: S.cols.state, width: 1.2 },
            ],
            rows: decisions.map((d) => [
              `${d.ref} ${d.title}`,
              d.kind,
              d.decided_by_label,
              format.date(d.created_at),
              d.revoked_at ? `revoked ${format.date(d.revoked_at)}` : d.expires_on ? `until ${format.date(d.expires_on)}` : "in force",
            ]),
          },
        ],
      },
    ],
  };
};
