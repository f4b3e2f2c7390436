import { Badge, type BadgeProps } from "@mantine/core";
import type { ActivityStatus, GateState, RoadmapActivity } from "./roadmap-api";

/**
 * How the engine's statuses read. "Blocked" in the engine means only that an earlier activity
 * or gate is not done yet: the activity's pages accept data all along, so it is never shown as
 * "blocked" (which reads as "you cannot work here") but as what was recorded so far.
 */
export const STATUS: Record<ActivityStatus, { label: string; color: string }> = {
  blocked: { label: "Not started", color: "gray" },
  ready: { label: "Ready to start", color: "blue" },
  in_progress: { label: "In progress", color: "cyan" },
  complete: { label: "Complete", color: "teal" },
  approved: { label: "Approved", color: "green" },
  not_applicable: { label: "Not applicable", color: "violet" },
};

/** Stale is the one state that needs someone to act on something that looked finished: it gets the warning colour. */
export const GATE_STATE: Record<GateState, { label: string; color: string }> = {
  none: { label: "not requested", color: "gray" },
  pending: { label: "pending", color: "blue" },
  approved: { label: "approved", color: "green" },
  stale: { label: "stale", color: "orange" },
  rejected: { label: "rejected", color: "red" },
  revoked: { label: "revoked", color: "red" },
};

export interface Presented {
  label: string;
  color: string;
  /** What the status means for the user now, when the badge alone would mislead. */
  note: string | null;
  /** The note's first sentence alone, for a card that shows the engine's reason beside it. */
  action: string | null;
  /** Waits for an earlier activity or gate, but may be worked on. */
  waiting: boolean;
}

/** An activity's checklist progress: every check the completion rules make. */
export function checklistProgress(activity: Pick<RoadmapActivity, "checks">): { done: number; total: number } {
  return { done: activity.checks.filter((c) => c.ok).length, total: activity.checks.length };
}

/** "5.2", "5.2 and 5.3.1", "5.2, 5.3.1 and 5.3.2"; an activity done but for its gate is named by the gate. */
export function waitingList(waitingFor: Pick<RoadmapActivity, "id" | "status" | "gate">[]): string {
  const names = waitingFor.map((w) => (w.status === "complete" && w.gate ? `the approval at ${w.gate.id}` : w.id));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * The status as the user should read it. An activity the engine calls blocked is "Not
 * started" while nothing is recorded, "Started early" once something is, and "Recorded" when
 * its checklist is complete; each says what it waits for and that work may go on meanwhile.
 */
export function presentStatus(activity: RoadmapActivity, waitingFor: Pick<RoadmapActivity, "id" | "status" | "gate">[]): Presented {
  const base = { ...STATUS[activity.status], note: null, action: null, waiting: false };
  if (activity.status !== "blocked") return base;
  const { done, total } = checklistProgress(activity);
  const list = waitingList(waitingFor);
  const counts = list ? ` It counts as done once ${list} ${waitingFor.length > 1 ? "are" : "is"} done.` : "";
  const waiting = (label: string, color: string, action: string) => ({ label, color, action, note: `${action}${counts}`, waiting: true });
  if (total > 0 && done === total) return waiting("Recorded", "teal", "Everything is recorded.");
  if (done > 0) return waiting("Started early", "cyan", "You can carry on.");
  return waiting("Not started", "gray", "You can start now.");
}

export function StatusBadge({ presented, ...props }: { presented: Pick<Presented, "label" | "color"> } & BadgeProps) {
  return (
    <Badge variant="light" color={presented.color} {...props}>
      {presented.label}
    </Badge>
  );
}

export function GateBadge({ gate, ...props }: { gate: { id: string; state: GateState } } & BadgeProps) {
  const { label, color } = GATE_STATE[gate.state];
  return (
    <Badge variant={gate.state === "stale" ? "filled" : "outline"} color={color} {...props}>
      {gate.id}: {label}
    </Badge>
  );
}

/** The prerequisites that are not done yet, in the catalog's order. */
export function unsatisfiedPrerequisites(prerequisites: readonly string[], activities: readonly RoadmapActivity[]): RoadmapActivity[] {
  return prerequisites.flatMap((id) => activities.filter((a) => a.id === id && !a.satisfied));
}
