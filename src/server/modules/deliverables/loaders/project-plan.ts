import { type GanttTask, ganttOption } from "../../../../core/charts/options.js";
import type { Cell } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { HttpProblem } from "../../../http/errors.js";
import { compareWithBaseline, readSchedule } from "../../plan/index.js";
import { type Loader, para, words } from "./shared.js";

const today = () => new Date().toISOString().slice(0, 10);

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
