import type { GateState } from "../process/data.js";

export type ApprovalStatus = "pending" | "approved" | "rejected" | "revoked";

/** The state a gate is in, from its latest approval and the hash of its artifact now. */
export function gateState(latest: { status: ApprovalStatus; artifactHash: string } | null, currentHash: string): GateState {
  if (!latest) return "none";
  if (latest.status === "approved") return latest.artifactHash === currentHash ? "approved" : "stale";
  return latest.status;
}

export interface DecisionContext {
  approval: { status: ApprovalStatus; requestedBy: string | null; artifactHash: string };
  deciderId: string;
  separationOfDuties: boolean;
  currentHash: string;
}

/** Why a decision on an approval request may not be taken now, or null when it may. */
export function decisionBlocker(ctx: DecisionContext): string | null {
  if (ctx.approval.status !== "pending") return `the request is ${ctx.approval.status}, not pending`;
  if (ctx.separationOfDuties && ctx.approval.requestedBy === ctx.deciderId) {
    return "separation of duties: the person who requested an approval may not decide it";
  }
  if (ctx.approval.artifactHash !== ctx.currentHash) {
    return "what was submitted has changed since the request; ask for a new request so you decide on what is there now";
  }
  return null;
}
