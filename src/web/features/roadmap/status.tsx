import { Badge, type BadgeProps } from "@mantine/core";
import type { ActivityStatus, GateState } from "./roadmap-api";

export const STATUS: Record<ActivityStatus, { label: string; color: string }> = {
  blocked: { label: "Blocked", color: "gray" },
  ready: { label: "Ready", color: "blue" },
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

export function StatusBadge({ status, ...props }: { status: ActivityStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={STATUS[status].color} {...props}>
      {STATUS[status].label}
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
