import { exceedanceOption, GAP_STATUS_HEX, GAP_STATUS_LABELS, maturityOption, statusByGroupOption } from "../../../core/charts/options.js";
import type { Block, Cell, Section } from "../../../core/deliverables/model.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import { GAP_STATUSES, type GapStatus } from "../../../core/gap/summary.js";
import { reader } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { buildArtifact } from "../approvals/index.js";
import { ismsPolicyArtifact } from "../documents/index.js";
import { gapSummary, listGap } from "../gap/index.js";
import { methodInForce } from "../risk-method/index.js";
import { aggregateQuant, dashboard, heatmap, inThread, listRisks } from "../risks/index.js";
import { currentStatement } from "../scope/index.js";
import { readSoa, treatmentPlan } from "../soa/index.js";
import type { DocFormat } from "./format.js";

/**
 * Data loaders: one per deliverable, each reading the registers through their modules' public
 * surfaces (or, for the phase-1 singletons that have no module of their own, their tables) and
 * returning the document's sections. `fingerprint` holds what the content hash is taken over
 * besides the sections' text: a streamed register contributes a digest query instead of its rows.
 */
export interface Loaded {
  sections: Section[];
  fingerprint?: unknown;
}

/** A loader writes amounts, numbers and dates with `format`: the organization's locale and currency. */
export type Loader = (db: Db, orgId: string, format: DocFormat) => Promise<Loaded>;

const BATCH = 500;
const text = (v: string | null | undefined) => (v ?? "").trim();
const orNone = (v: string | null | undefined) => text(v) || STRINGS.common.none;
const para = (t: string): Block => ({ kind: "paragraph", text: t });

/** Markdown turned into paragraphs, headings and lists, enough for policies and statements. */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(para(paragraph.join(" ")));
    if (list.length) blocks.push({ kind: "list", items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading?.[1] !== undefined) {
      flush();
      blocks.push({ kind: "heading", text: heading[1].replace(/\*\*/g, "") });
    } else if (item?.[1] !== undefined) {
      if (paragraph.length) {
        blocks.push(para(paragraph.join(" ")));
        paragraph = [];
      }
      list.push(item[1].replace(/\*\*/g, ""));
    } else if (line.trim() === "") flush();
    else {
      if (list.length) flush();
      paragraph.push(line.trim().replace(/\*\*/g, ""));
    }
  }
  flush();
  return blocks;
}

async function personName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return "";
  const row = await reader(db).selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst();
  return row?.display_name ?? "";
}

/** The approval in force of a gate's activity, for the document's approval block. */
export async function gateApproval(db: Db, orgId: string, activityId: string) {
  const row = await reader(db)
    .selectFrom("approvals")
    .select(["decided_by", "decided_at", "artifact_hash"])
    .where("org_id", "=", orgId)
    .where("activity_id", "=", activityId)
    .where("status", "=", "approved")
    .orderBy("decided_at", "desc")
    .executeTakeFirst();
  if (!row?.decided_at) return null;
  return { by: (await personName(db, row.decided_by)) || "—", at: row.decided_at, hash: row.artifact_hash };
}

// --- 5.4 management approval package ---------------------------------------------------------
export const approvalPackage: Loader = async (db, orgId, format) => {
  const S = STRINGS.approvalPackage;
  const k = reader(db);
  const [objectives, priorities, prelim, artifact, roles, decision] = await Promise.all([
    k.selectFrom("objectives").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("priorities").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    k.selectFrom("preliminary_scopes").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    buildArtifact(db, orgId, "5.4"),
    k.selectFrom("project_roles").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    gateApproval(db, orgId, "5.4"),
  ]);
  const g1 = artifact?.snapshot as {
    businessCase: Record<string, string | null>;
    costs: { id: string; title: string; amount: number; currency: string }[];
    milestones: { id: string; title: string; dueDate: string | null; owner: string | null }[];
  };
  const listOf = (json: string | undefined) => {
    try {
      const v = JSON.parse(json ?? "[]") as unknown;
      return Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : [];
    } catch {
      return [];
    }
  };
  const prelimBlocks: Block[] = [para(orNone(prelim?.statement))];
  const units = listOf(prelim?.units);
  const sites = listOf(prelim?.sites);
  if (units.length) prelimBlocks.push({ kind: "heading", text: "Units" }, { kind: "list", items: units });
  if (sites.length) prelimBlocks.push({ kind: "heading", text: "Sites" }, { kind: "list", items: sites });
  return {
    sections: [
      {
        id: "objectives",
        title: S.objectives,
        blocks: [
          {
            kind: "table",
            id: "objectives",
            title: S.objectives,
            columns: [
              { key: "title", title: S.cols.title, width: 2 },
              { key: "description", title: S.cols.description, width: 3 },
            ],
            rows: objectives.map((o) => [o.title, text(o.description)]),
          },
        ],
      },
      {
        id: "priorities",
        title: S.priorities,
        blocks: [
          para(orNone(priorities?.statement)),
          ...(text(priorities?.existing_systems) ? [para(text(priorities?.existing_systems))] : []),
        ],
      },
      { id: "preliminary-scope", title: S.preliminaryScope, blocks: prelimBlocks },
      {
        id: "business-case",
        title: S.businessCase,
        blocks: [
          {
            kind: "fields",
            rows: Object.entries(S.fields).map(([key, label]) => [label, orNone(g1?.businessCase[key])] as [string, string]),
          },
          {
            kind: "table",
            id: "costs",
            title: S.costs,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "amount", title: S.cols.amount, width: 1 },
              { key: "currency", title: S.cols.currency, width: 1 },
            ],
            rows: (g1?.costs ?? []).map((c) => [c.title, format.money(c.amount, c.currency), c.currency]),
          },
        ],
      },
      {
        id: "plan",
        title: S.plan,
        blocks: [
          {
            kind: "table",
            id: "milestones",
            title: S.plan,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "due", title: S.cols.due, width: 1 },
              { key: "owner", title: S.cols.owner, width: 1 },
            ],
            rows: (g1?.milestones ?? []).map((m) => [m.title, format.date(m.dueDate), text(m.owner)]),
          },
        ],
      },
      {
        id: "roles",
        title: S.roles,
        blocks: [
          {
            kind: "table",
            id: "roles",
            title: S.roles,
            columns: [
              { key: "role", title: S.cols.role, width: 2 },
              { key: "person", title: S.cols.person, width: 2 },
            ],
            rows: roles.map((r) => [r.title, text(r.person_name)]),
          },
        ],
      },
      {
        id: "decision",
        title: S.decision,
        blocks: [
          {
            kind: "fields",
            rows: decision
              ? [
                  [STRINGS.common.approvedBy, decision.by],
                  [STRINGS.common.approvedOn, decision.at],
                  [STRINGS.common.approvedHash, decision.hash],
                ]
              : [[STRINGS.common.status, STRINGS.common.notApproved]],
          },
        ],
      },
    ],
    fingerprint: artifact?.hash ?? null,
  };
};

// --- 6.5 scope and boundaries ------------------------------------------------------------------
export const scopeDocument: Loader = async (db, orgId) => {
  const S = STRINGS.scope;
  const k = reader(db);
  const [statement, elements, interfaces] = await Promise.all([
    currentStatement(db, orgId),
    k.selectFrom("scope_elements").selectAll().where("org_id", "=", orgId).orderBy("kind").orderBy("name").execute(),
    k.selectFrom("boundary_interfaces").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
  ]);
  const names = new Map(elements.map((e) => [e.id, e.name]));
  const markdown = statement.latest
    ? ((await frozenStatement(db, orgId, statement.latest.number)) ?? statement.markdown)
    : statement.markdown;
  return {
    sections: [
      {
        id: "statement",
        title: S.statement,
        blocks: [...(statement.latest ? [para(`Version ${statement.latest.number}`)] : [para(S.noStatement)]), ...markdownBlocks(markdown)],
      },
      {
        id: "elements",
        title: S.elements,
        blocks: [
          {
            kind: "table",
            id: "elements",
            title: S.elements,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "in", title: S.cols.inScope, width: 1 },
              { key: "description", title: S.cols.description, width: 3 },
            ],
            rows: elements.map((e) => [e.name, e.kind, e.in_scope ? STRINGS.common.yes : STRINGS.common.no, text(e.description)]),
          },
        ],
      },
      {
        id: "interfaces",
        title: S.interfaces,
        blocks: [
          {
            kind: "table",
            id: "interfaces",
            title: S.interfaces,
            columns: [
              { key: "from", title: S.cols.name, width: 2 },
              { key: "counterpart", title: S.cols.counterpart, width: 2 },
              { key: "direction", title: S.cols.direction, width: 1 },
              { key: "data", title: S.cols.description, width: 3 },
            ],
            rows: interfaces.map((i) => [
              names.get(i.from_element_id) ?? "",
              i.to_element_id ? (names.get(i.to_element_id) ?? "") : text(i.to_party),
              i.direction,
              [i.data_exchanged, text(i.protection)].filter(Boolean).join(" — "),
            ]),
          },
        ],
      },
      {
        id: "exclusions",
        title: S.exclusions,
        blocks: [
          {
            kind: "table",
            id: "exclusions",
            title: S.exclusions,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "justification", title: S.cols.justification, width: 4 },
            ],
            rows: elements.filter((e) => !e.in_scope).map((e) => [e.name, text(e.exclusion_justification)]),
          },
        ],
      },
    ],
  };
};

async function frozenStatement(db: Db, orgId: string, number: number): Promise<string | null> {
  const row = await reader(db)
    .selectFrom("scope_statement_versions")
    .select("markdown")
    .where("org_id", "=", orgId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row?.markdown ?? null;
}

// --- 6.6 ISMS policy ---------------------------------------------------------------------------
export const ismsPolicy: Loader = async (db, orgId) => {
  const { policy } = await ismsPolicyArtifact(db, orgId);
  if (!policy) return { sections: [{ id: "policy", title: STRINGS.policy.title, blocks: [para(STRINGS.policy.noPolicy)] }] };
  return {
    sections: policy.sections.map((s) => ({ id: s.id, title: s.title, blocks: markdownBlocks(s.markdown ?? "") })),
    fingerprint: { identifier: policy.identifier, version: policy.version },
  };
};

// --- 7.2 requirements and interested parties ---------------------------------------------------
export const requirementsRegister: Loader = async (db, orgId) => {
  const S = STRINGS.requirements;
  const k = reader(db);
  const [parties, requirements, obligations] = await Promise.all([
    k.selectFrom("interested_parties").selectAll().where("org_id", "=", orgId).orderBy("name").orderBy("id").execute(),
    k.selectFrom("security_requirements").selectAll().where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
    k.selectFrom("obligations").selectAll().where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
  ]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return {
    sections: [
      {
        id: "parties",
        title: S.parties,
        blocks: [
          {
            kind: "table",
            id: "parties",
            title: S.parties,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "needs", title: S.cols.needs, width: 4 },
            ],
            rows: parties.map((p) => [p.name, p.kind, text(p.expectations) || text(p.description)]),
          },
        ],
      },
      {
        id: "requirements",
        title: S.requirements,
        blocks: [
          {
            kind: "table",
            id: "requirements",
            title: S.requirements,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "party", title: S.cols.party, width: 2 },
              { key: "source", title: S.cols.source, width: 2 },
            ],
            rows: requirements.map((r) => [r.title, partyName.get(r.party_id) ?? "", text(r.source)]),
          },
        ],
      },
      {
        id: "obligations",
        title: S.obligations,
        blocks: [
          {
            kind: "table",
            id: "obligations",
            title: S.obligations,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "ref", title: S.cols.ref, width: 1 },
              { key: "source", title: S.cols.source, width: 2 },
            ],
            rows: obligations.map((o) => [o.title, o.kind, text(o.reference), text(o.source)]),
          },
        ],
      },
    ],
  };
};

// --- 7.3 asset inventory (streamed: an inventory may hold 100,000 assets) -----------------------
export const assetInventory: Loader = async (db, orgId) => {
  const S = STRINGS.assets;
  const k = reader(db);
  const digest = await k
    .selectFrom("assets")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("latest")])
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const count = Number(digest?.n ?? 0);
  const level = (json: string, override: string, key: string) => {
    const o = JSON.parse(override || "{}") as Record<string, number>;
    const v = JSON.parse(json || "{}") as Record<string, number>;
    const value = o[key] ?? v[key];
    return value === undefined ? "" : String(value);
  };
  async function* rows(): AsyncIterable<Cell[][]> {
    let after = "";
    for (;;) {
      const batch = await reader(db)
        .selectFrom("assets")
        .select(["id", "name", "kind", "owner", "classification", "valuation", "valuation_override"])
        .where("org_id", "=", orgId)
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      if (batch.length === 0) return;
      yield batch.map((a) => [
        a.name,
        a.kind,
        text(a.owner),
        text(a.classification),
        level(a.valuation, a.valuation_override, "confidentiality"),
        level(a.valuation, a.valuation_override, "integrity"),
        level(a.valuation, a.valuation_override, "availability"),
      ]);
      after = batch.at(-1)?.id ?? after;
      if (batch.length < BATCH) return;
    }
  }
  return {
    sections: [
      {
        id: "assets",
        title: S.inventory,
        blocks: [
          {
            kind: "stream-table",
            id: "assets",
            title: S.inventory,
            count,
            columns: [
              { key: "name", title: S.cols.name, width: 3 },
              { key: "kind", title: S.cols.kind, width: 2 },
              { key: "owner", title: S.cols.owner, width: 2 },
              { key: "classification", title: "Classification", width: 1.5 },
              { key: "c", title: S.cols.confidentiality, width: 0.5 },
              { key: "i", title: S.cols.integrity, width: 0.5 },
              { key: "a", title: S.cols.availability, width: 0.5 },
            ],
            rows,
          },
        ],
      },
    ],
    fingerprint: { count, latest: digest?.latest ?? null },
  };
};

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
