import { type GanttTask, ganttOption, trendOption } from "../../../core/charts/options.js";
import type { Block, Cell, Section } from "../../../core/deliverables/model.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import { DOCUMENT_TYPE_LABELS } from "../../../core/documents/documents.js";
import { reader } from "../../db/audited.js";
import { HttpProblem } from "../../http/errors.js";
import { presentAudits, presentFindings } from "../audit-programme/index.js";
import { loadDocumentsData } from "../documents/index.js";
import { presentReviews } from "../management-review/index.js";
import { listMeasures, measureRow, seriesOf } from "../measures/index.js";
import { compareWithBaseline, readSchedule } from "../plan/index.js";
import { type Loader, markdownBlocks } from "./loaders.js";

/**
 * Loaders of the phase-5 deliverables: topic-specific policies and procedures (document
 * register), the final project plan with its Gantt chart (plan), the measurement report with
 * trend charts (measures), the internal audit report (audit programme) and the management review
 * minutes. Each reads its register through the module's public surface.
 */
const text = (v: string | null | undefined) => (v ?? "").trim();
const para = (t: string): Block => ({ kind: "paragraph", text: t });
const words = (v: string) => v.replace(/_/g, " ");
const today = () => new Date().toISOString().slice(0, 10);

// --- 6.6 topic-specific policies and procedures ---------------------------------------------------
export const topicPolicies: Loader = async (db, orgId) => {
  const S = STRINGS.topicPolicies;
  const data = await loadDocumentsData(db, orgId);
  const docs = data.documents.filter((d) => (d.type === "topic_policy" || d.type === "procedure") && d.status !== "retired");
  const register: Section = {
    id: "register",
    title: S.register,
    blocks: docs.length
      ? [
          {
            kind: "table",
            id: "register",
            title: S.register,
            columns: [
              { key: "identifier", title: S.cols.identifier, width: 1.2 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "type", title: S.cols.type, width: 1.5 },
              { key: "owner", title: S.cols.owner, width: 1.5 },
              { key: "status", title: S.cols.status, width: 1 },
              { key: "version", title: S.cols.version, width: 0.8 },
              { key: "review", title: S.cols.review, width: 1.1 },
            ],
            rows: docs.map((d) => [
              d.identifier,
              d.title,
              DOCUMENT_TYPE_LABELS[d.type],
              d.owner,
              words(d.status),
              d.approvedVersion === null ? "—" : String(d.approvedVersion),
              d.nextReviewDate,
            ]),
          },
        ]
      : [para(S.none)],
  };
  const bodies: Section[] = docs.map((d) => ({
    id: `doc-${d.identifier}`,
    title: `${d.identifier} ${d.title}`,
    blocks: [
      {
        kind: "fields",
        rows: [
          [S.cols.type, DOCUMENT_TYPE_LABELS[d.type]],
          [S.cols.owner, d.owner],
          [S.cols.status, words(d.status)],
          [STRINGS.common.version, d.current ? `${d.current.number} (${words(d.current.status)})` : "—"],
          [S.cols.review, d.nextReviewDate],
        ],
      },
      ...(d.current
        ? d.current.sections.flatMap((s): Block[] => [
            { kind: "heading", text: s.title },
            ...markdownBlocks(s.markdown || STRINGS.common.none),
          ])
        : [para(S.notWritten)]),
    ],
  }));
  return { sections: [register, ...bodies] };
};

// --- 9.5 final ISMS project plan with the Gantt chart ---------------------------------------------
/** The chart shows at most this many tasks (critical and milestones first); the table lists them all. */
export const GANTT_MAX_TASKS = 60;

export const projectPlan: Loader = async (db, orgId, format) => {
  const S = STRINGS.projectPlan;
  const now = today();
  let schedule: Awaited<ReturnType<typeof readSchedule>>;
  try {
    schedule = await readSchedule(db, orgId, now);
  } catch (error) {
    if (error instanceof HttpProblem) return { sections: [{ id: "summary", title: S.summary, blocks: [para(S.cycle(error.message))] }] };
    throw error;
  }
  if (schedule.tasks.length === 0) return { sections: [{ id: "summary", title: S.summary, blocks: [para(S.noTasks)] }] };
  const comparison = await compareWithBaseline(db, orgId, now);
  const byId = new Map(schedule.tasks.map((t) => [t.id, t]));
  const ordered = [...schedule.tasks].sort((a, b) =>
    a.earlyStart < b.earlyStart ? -1 : a.earlyStart > b.earlyStart ? 1 : a.ref < b.ref ? -1 : 1,
  );
  const shown = ordered.length <= GANTT_MAX_TASKS ? ordered : ordered.filter((t) => t.critical || t.milestone).slice(0, GANTT_MAX_TASKS);
  if (shown.length < Math.min(GANTT_MAX_TASKS, ordered.length)) {
    const taken = new Set(shown.map((t) => t.id));
    shown.push(...ordered.filter((t) => !taken.has(t.id)).slice(0, GANTT_MAX_TASKS - shown.length));
    shown.sort((a, b) => (a.earlyStart < b.earlyStart ? -1 : a.earlyStart > b.earlyStart ? 1 : 0));
  }
  const gantt: GanttTask[] = shown.map((t) => ({
    ref: t.ref,
    title: t.title,
    start: t.earlyStart,
    finish: t.earlyFinish,
    critical: t.critical,
    milestone: t.milestone,
  }));
  const criticalRefs = schedule.critical.map((id) => byId.get(id)).filter((t) => t !== undefined);
  const late = schedule.tasks.filter((t) => t.late).length;
  return {
    sections: [
      {
        id: "summary",
        title: S.summary,
        blocks: [
          {
            kind: "fields",
            rows: [
              [S.cols.start, format.date(schedule.start)],
              [S.cols.finish, format.date(schedule.finish)],
              [S.tasks, String(schedule.tasks.length)],
              [S.critical, `${criticalRefs.length} task(s)`],
              ["Tasks finishing after their due date", String(late)],
              ["Effort (days)", format.number(schedule.effortDays)],
              ["Cost", format.money(schedule.cost)],
            ],
          },
        ],
      },
      {
        id: "gantt",
        title: S.gantt,
        blocks: [
          {
            kind: "chart",
            id: "gantt",
            title: S.gantt,
            chart: {
              option: ganttOption(gantt, { task: "#1c7ed6", critical: "#e03131", milestone: "#7048e8" }),
              width: 900,
              height: Math.max(160, 40 + gantt.length * 16),
            },
            alt: `Gantt chart of ${gantt.length} of ${schedule.tasks.length} task(s) from ${schedule.start} to ${schedule.finish}; ${criticalRefs.length} on the critical path (red), milestones in violet.`,
          },
        ],
      },
      {
        id: "critical",
        title: S.critical,
        blocks: [{ kind: "list", items: criticalRefs.map((t) => `${t.ref} ${t.title} (${t.earlyStart} to ${t.earlyFinish})`) }],
      },
      {
        id: "tasks",
        title: S.tasks,
        blocks: [
          {
            kind: "table",
            id: "tasks",
            title: S.tasks,
            columns: [
              { key: "ref", title: S.cols.ref, width: 0.8 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "owner", title: S.cols.owner, width: 1.4 },
              { key: "start", title: S.cols.start, width: 1 },
              { key: "finish", title: S.cols.finish, width: 1 },
              { key: "slack", title: S.cols.slack, width: 0.7 },
              { key: "status", title: S.cols.status, width: 1 },
              { key: "critical", title: S.cols.critical, width: 0.7 },
            ],
            rows: ordered.map((t): Cell[] => [
              t.ref,
              `${t.title}${t.milestone ? " (milestone)" : ""}`,
              t.ownerName ?? "",
              format.date(t.earlyStart),
              format.date(t.earlyFinish),
              String(t.slack),
              words(t.status),
              t.critical ? { text: STRINGS.common.yes, fill: "#ffc9c9", bold: true } : STRINGS.common.no,
            ]),
          },
        ],
      },
      {
        id: "baseline",
        title: S.baseline,
        blocks: comparison.baseline
          ? [
              {
                kind: "fields",
                rows: [
                  ["Baseline", `${comparison.baseline.number} (${format.date(comparison.baseline.createdAt)})`],
                  ["Finish in the baseline", format.date(comparison.baselineFinish)],
                  ["Finish now", format.date(comparison.currentFinish)],
                  ["Tasks added since", String(comparison.added.length)],
                  ["Tasks removed since", String(comparison.removed.length)],
                ],
              },
              {
                kind: "table",
                id: "slips",
                title: S.baseline,
                columns: [
                  { key: "ref", title: S.cols.ref, width: 0.8 },
                  { key: "title", title: S.cols.title, width: 3 },
                  { key: "base", title: S.cols.baselineFinish, width: 1 },
                  { key: "now", title: S.cols.finish, width: 1 },
                  { key: "late", title: S.cols.late, width: 0.8 },
                ],
                rows: [...comparison.slippedMilestones, ...comparison.slipped].map((s) => [
                  s.ref,
                  s.title,
                  format.date(s.baselineFinish),
                  format.date(s.currentFinish),
                  String(s.daysLate),
                ]),
              },
            ]
          : [para(S.noBaseline)],
      },
    ],
  };
};

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

// --- 9.3 internal audit report ----------------------------------------------------------------------
interface FrozenReport {
  findings?: { id: string; ref: string; kind: string; target: string; title: string; description: string | null }[];
}

export const internalAuditReport: Loader = async (db, orgId, format) => {
  const S = STRINGS.auditReport;
  const k = reader(db);
  const programme = await k
    .selectFrom("audit_programmes")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("cycle_start", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!programme) return { sections: [{ id: "programme", title: S.programme, blocks: [para(S.noProgramme)] }] };
  const rows = await k
    .selectFrom("audits")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("programme_id", "=", programme.id)
    .orderBy("number")
    .execute();
  const findingRows = rows.length
    ? await k
        .selectFrom("audit_findings")
        .selectAll()
        .where("org_id", "=", orgId)
        .where(
          "audit_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("number")
        .execute()
    : [];
  const [audits, findings] = await Promise.all([presentAudits(db, orgId, rows), presentFindings(db, orgId, findingRows)]);
  const auditSections: Section[] = audits.map((a, i) => {
    const row = rows[i];
    const frozen = row?.report ? (JSON.parse(row.report) as FrozenReport) : null;
    const live = findings.filter((f) => f.auditId === a.id);
    const ncOf = new Map(live.map((f) => [f.id, f.nonconformity]));
    const shown = frozen?.findings ?? live;
    return {
      id: `audit-${a.ref}`,
      title: `${a.ref} ${a.title}`,
      blocks: [
        {
          kind: "fields",
          rows: [
            [S.cols.status, words(a.status)],
            [S.cols.lead, a.leadAuditor?.name ?? "—"],
            ["Team", a.team.map((t) => t.name).join(", ") || "—"],
            [S.cols.dates, `${format.date(a.startDate) || "?"} – ${format.date(a.endDate) || "?"}`],
            ["Clauses", a.scope.clauses.join(", ") || "—"],
            ["Controls", a.scope.controls.join(", ") || "—"],
            ["Areas", a.scope.areas.join(", ") || "—"],
            ["Criteria", text(a.criteria) || "—"],
            [S.cols.issued, a.reportIssuedAt ? `${format.date(a.reportIssuedAt)} (SHA-256 ${row?.report_hash ?? ""})` : "not yet"],
          ],
        },
        ...(a.conclusion ? [{ kind: "heading", text: S.cols.conclusion } as Block, ...markdownBlocks(a.conclusion)] : []),
        {
          kind: "table",
          id: `findings-${a.ref}`,
          title: S.findings,
          columns: [
            { key: "ref", title: S.cols.ref, width: 0.8 },
            { key: "kind", title: S.cols.kind, width: 1 },
            { key: "target", title: S.cols.target, width: 1 },
            { key: "title", title: S.cols.title, width: 2.5 },
            { key: "description", title: S.cols.description, width: 3 },
            { key: "nc", title: S.cols.nc, width: 1 },
          ],
          rows: shown.map((f) => {
            const nc = ncOf.get(f.id);
            return [f.ref, words(f.kind), f.target, f.title, text(f.description), nc ? `${nc.ref} (${words(nc.status)})` : "—"];
          }),
        },
      ],
    };
  });
  return {
    sections: [
      {
        id: "programme",
        title: S.programme,
        blocks: [
          {
            kind: "fields",
            rows: [
              [S.cols.title, programme.title],
              ["Cycle", `${programme.cycle_start}, ${programme.cycle_years} year(s)`],
              ["Objectives", text(programme.objectives) || "—"],
            ],
          },
        ],
      },
      {
        id: "audits",
        title: S.audits,
        blocks: audits.length
          ? [
              {
                kind: "table",
                id: "audits",
                title: S.audits,
                columns: [
                  { key: "ref", title: S.cols.ref, width: 0.8 },
                  { key: "title", title: S.cols.title, width: 3 },
                  { key: "lead", title: S.cols.lead, width: 1.5 },
                  { key: "dates", title: S.cols.dates, width: 1.6 },
                  { key: "status", title: S.cols.status, width: 1 },
                  { key: "findings", title: S.findings, width: 0.8 },
                ],
                rows: audits.map((a) => [
                  a.ref,
                  a.title,
                  a.leadAuditor?.name ?? "—",
                  `${text(a.startDate)} – ${text(a.endDate)}`,
                  words(a.status),
                  String(a.findings),
                ]),
              },
            ]
          : [para(S.noAudits)],
      },
      ...auditSections,
    ],
  };
};

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
