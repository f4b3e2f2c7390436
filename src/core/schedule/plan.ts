import { type CalendarSpec, WorkCalendar, weekOf } from "./calendar.js";
import { type CpmLink, criticalPath } from "./cpm.js";

/** The implementation plan's task as the schedule reads it. */
export interface PlanTask {
  id: string;
  ref: string;
  title: string;
  ownerId: string | null;
  /** Person-days of work. */
  effortDays: number | null;
  start: string | null;
  due: string | null;
  milestone: boolean;
}

export interface PlanLink {
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

export interface ScheduledTask {
  id: string;
  /** Working days. */
  duration: number;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  /** Working days the task can slip without moving the end of the plan. */
  slack: number;
  critical: boolean;
}

export type PlanSchedule =
  | { ok: true; start: string; finish: string; tasks: ScheduledTask[]; critical: string[] }
  | { ok: false; cycle: string[] };

/**
 * How many working days a task takes: none for a milestone; from its planned start to its due date
 * when both are set; else its effort (one person, rounded up), at least one day.
 */
export function durationOf(task: PlanTask, calendar: WorkCalendar): number {
  if (task.milestone) return 0;
  if (task.start && task.due) return Math.max(1, calendar.workingDaysBetween(task.start, task.due));
  return Math.max(1, Math.ceil(task.effortDays ?? 1));
}

/** Where the plan starts: the earliest planned start or due date, else the given day (today). */
export function planStart(tasks: readonly PlanTask[], fallback: string): string {
  let start: string | null = null;
  for (const t of tasks) {
    const first = t.start ?? (t.milestone ? t.due : null);
    if (first && (start === null || first < start)) start = first;
  }
  return start ?? fallback;
}

/**
 * The schedule in dates: every task as early as its planned start and its predecessors (finish
 * plus lag) allow, on the organization's working days. A cycle has no schedule: it is returned
 * by task id, in order, the first repeated last.
 */
export function schedulePlan(tasks: readonly PlanTask[], links: readonly PlanLink[], spec: CalendarSpec, today: string): PlanSchedule {
  const start = planStart(tasks, today);
  const calendar = new WorkCalendar(spec, start);
  const durations = new Map(tasks.map((t) => [t.id, durationOf(t, calendar)]));
  const cpmLinks: CpmLink[] = links.map((l) => ({ from: l.predecessorId, to: l.successorId, lag: l.lagDays }));
  const result = criticalPath(
    tasks.map((t) => {
      const first = t.start ?? (t.milestone ? t.due : null);
      return { id: t.id, duration: durations.get(t.id) as number, notBefore: first ? calendar.indexOf(first) : null };
    }),
    cpmLinks,
  );
  if (!result.ok) return { ok: false, cycle: result.cycle };
  const finishDate = (startIndex: number, finishIndex: number) => calendar.dateOf(finishIndex > startIndex ? finishIndex - 1 : startIndex);
  const scheduled = tasks.map((t): ScheduledTask => {
    const r = result.tasks.get(t.id) as NonNullable<ReturnType<typeof result.tasks.get>>;
    return {
      id: t.id,
      duration: durations.get(t.id) as number,
      earlyStart: calendar.dateOf(r.earlyStart),
      earlyFinish: finishDate(r.earlyStart, r.earlyFinish),
      lateStart: calendar.dateOf(r.lateStart),
      lateFinish: finishDate(r.lateStart, r.lateFinish),
      slack: r.slack,
      critical: r.critical,
    };
  });
  return {
    ok: true,
    start,
    finish: result.finish > 0 ? calendar.dateOf(result.finish - 1) : start,
    tasks: scheduled,
    critical: result.order.filter((id) => result.tasks.get(id)?.critical),
  };
}

export interface WeekLoad {
  /** Monday of the week. */
  week: string;
  /** Person-days planned. */
  load: number;
  /** Working days in the week. */
  capacity: number;
  overAllocated: boolean;
}

export interface PersonLoad {
  ownerId: string;
  weeks: WeekLoad[];
}

/**
 * Each person's planned work per week: a task's effort spread evenly over its scheduled working
 * days, against the working days of the week (one person, full time). More than that is
 * over-allocation.
 */
export function personLoad(
  tasks: readonly PlanTask[],
  schedule: readonly ScheduledTask[],
  spec: CalendarSpec,
  start: string,
): PersonLoad[] {
  const calendar = new WorkCalendar(spec, start);
  const byId = new Map(schedule.map((s) => [s.id, s]));
  const perOwner = new Map<string, Map<string, number>>();
  for (const t of tasks) {
    const s = byId.get(t.id);
    if (!t.ownerId || !s || s.duration === 0) continue;
    const effort = t.effortDays ?? s.duration;
    if (effort <= 0) continue;
    const perDay = effort / s.duration;
    const first = calendar.indexOf(s.earlyStart);
    const weeks = perOwner.get(t.ownerId) ?? new Map<string, number>();
    perOwner.set(t.ownerId, weeks);
    for (let i = first; i < first + s.duration; i++) {
      const week = weekOf(calendar.dateOf(i));
      weeks.set(week, (weeks.get(week) ?? 0) + perDay);
    }
  }
  const capacityCache = new Map<string, number>();
  const capacity = (week: string) => {
    let c = capacityCache.get(week);
    if (c === undefined) {
      c = 0;
      const probe = new WorkCalendar(spec, week);
      for (let d = 0; d < 7; d++) {
        const day = new Date(Date.parse(`${week}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
        if (probe.isWorking(day)) c++;
      }
      capacityCache.set(week, c);
    }
    return c;
  };
  return [...perOwner.entries()]
    .map(([ownerId, weeks]) => ({
      ownerId,
      weeks: [...weeks.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([week, load]) => {
          const cap = capacity(week);
          const rounded = Math.round(load * 100) / 100;
          return { week, load: rounded, capacity: cap, overAllocated: rounded > cap };
        }),
    }))
    .sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
}
