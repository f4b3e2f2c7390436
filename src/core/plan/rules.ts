import type { MissingItem, Rule, RuleResult } from "../process/rules.js";
import { checkNaming } from "../requirements/check.js";
import type { TaskSource, TaskStatus } from "./tasks.js";

/** What activities 9.3 and 9.5 are evaluated on, reduced from the implementation plan. */
export interface PlanData {
  /** SoA-included controls and whether they are implemented already. */
  includedControls: { id: string; ref: string; title: string; implemented: boolean }[];
  tasks: PlanTaskFacts[];
  /** The dependency cycle, by task reference and title, or null. */
  cycle: string[] | null;
  baseline: { number: number } | null;
}

export interface PlanTaskFacts {
  id: string;
  ref: string;
  title: string;
  source: TaskSource;
  sourceId: string | null;
  hasOwner: boolean;
  start: string | null;
  due: string | null;
  milestone: boolean;
  status: TaskStatus;
}

declare module "../process/data.js" {
  interface ProcessData {
    plan?: PlanData;
  }
}

const PLAN = { register: "plan" };
const taskLink = (id: string) => ({ register: "plan", id });
const named = (t: { ref: string; title: string }) => `${t.ref} "${t.title}"`;

function missingParts(t: PlanTaskFacts, needStart: boolean): string[] {
  return [
    !t.hasOwner ? "an owner" : null,
    needStart && !t.start && !t.milestone ? "a start date" : null,
    !t.due ? "a due date" : null,
  ].filter((x): x is string => x !== null);
}

function controlImplementationDesigned(data: PlanData | undefined): RuleResult {
  const tasks = data?.tasks ?? [];
  const byControl = new Map<string, PlanTaskFacts[]>();
  for (const t of tasks) if (t.source === "control" && t.sourceId) byControl.set(t.sourceId, [...(byControl.get(t.sourceId) ?? []), t]);
  const pending = (data?.includedControls ?? []).filter((c) => !c.implemented || byControl.has(c.id));
  const withoutTasks: MissingItem[] = pending
    .filter((c) => !byControl.has(c.id))
    .map((c) => ({
      message: `Control ${c.ref} "${c.title}" is included in the SoA but has no implementation task.`,
      link: { register: "soa", id: c.id },
    }));
  const incomplete: MissingItem[] = pending.flatMap((c) =>
    (byControl.get(c.id) ?? [])
      .filter((t) => missingParts(t, false).length > 0)
      .map((t) => ({
        message: `Task ${named(t)} (control ${c.ref}) needs ${missingParts(t, false).join(" and ")}.`,
        link: taskLink(t.id),
      })),
  );
  return {
    started: tasks.some((t) => t.source === "control"),
    checks: [
      checkNaming("controls-have-tasks", "Every SoA-included control not yet in place has an implementation task", withoutTasks, PLAN),
      checkNaming("control-tasks-owned", "Every control task has an owner and a due date", incomplete, PLAN),
    ],
  };
}

function finalPlanScheduled(data: PlanData | undefined): RuleResult {
  const tasks = data?.tasks ?? [];
  const unscheduled: MissingItem[] = tasks
    .filter((t) => missingParts(t, true).length > 0)
    .map((t) => ({ message: `Task ${named(t)} needs ${missingParts(t, true).join(" and ")}.`, link: taskLink(t.id) }));
  const cycle: MissingItem[] = data?.cycle
    ? [{ message: `The dependencies form a cycle, so the plan has no schedule: ${data.cycle.join(" → ")}.`, link: PLAN }]
    : [];
  const empty: MissingItem[] = tasks.length === 0 ? [{ message: "Plan at least one task.", link: PLAN }] : [];
  const baseline: MissingItem[] = data?.baseline
    ? []
    : [{ message: "Freeze a baseline of the plan to measure progress against.", link: PLAN }];
  return {
    started: tasks.length > 0,
    checks: [
      checkNaming("plan-has-tasks", "The plan holds the work", empty, PLAN),
      checkNaming("tasks-scheduled", "Every task has an owner, a start and a due date", unscheduled, PLAN),
      checkNaming("no-dependency-cycle", "The dependencies have no cycle", cycle, PLAN),
      checkNaming("baseline-frozen", "A baseline of the plan is frozen", baseline, PLAN),
    ],
  };
}

/** 9.3 and 9.5, by the rule names the process catalog uses. */
export const PLAN_RULES: Readonly<Record<string, Rule>> = {
  "control-implementation-designed": ({ plan }) => controlImplementationDesigned(plan),
  "final-plan-scheduled": ({ plan }) => finalPlanScheduled(plan),
};
