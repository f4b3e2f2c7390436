/** Implementation tasks: what a status means and what the SoA reads from them. */

export const TASK_STATUSES = ["planned", "in_progress", "implemented", "verified"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Where a task comes from, so one plan holds all the work. */
export const TASK_SOURCES = ["control", "milestone", "risk", "review", "corrective", "other"] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** How far along a status is, for the Gantt chart's progress. */
export const STATUS_PROGRESS: Record<TaskStatus, number> = { planned: 0, in_progress: 50, implemented: 90, verified: 100 };

export type Implementation = "not_started" | "planned" | "partial" | "implemented";

/**
 * A control's implementation status from its tasks: implemented once every task is implemented
 * or verified, partial once any work started, planned while all are planned. Null without tasks:
 * then the SoA keeps what was recorded there.
 */
export function implementationFromTasks(statuses: readonly TaskStatus[]): Implementation | null {
  if (statuses.length === 0) return null;
  if (statuses.every((s) => s === "implemented" || s === "verified")) return "implemented";
  if (statuses.some((s) => s !== "planned")) return "partial";
  return "planned";
}
