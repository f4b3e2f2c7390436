import type { Role } from "../access/roles.js";
import { type Change, snapshotChanges } from "../approvals/changes.js";
import type { AcceptanceAuthority } from "./method.js";

export type DecisionKind = "treatment" | "acceptance";
export type DecisionState = "valid" | "stale" | "expired" | "revoked";

export interface ScoreFacts {
  likelihood: number;
  impact: number;
  level: number;
}

/** What a treatment approval or a residual-risk acceptance freezes: scores, controls and treatment. */
export interface RiskSnapshot {
  methodId: string | null;
  ownerUserId: string | null;
  inherent: ScoreFacts | null;
  current: ScoreFacts | null;
  residual: ScoreFacts | null;
  treatment: string | null;
  treatmentPlan: string | null;
  controlIds: string[];
}

export function riskSnapshot(r: RiskSnapshot): RiskSnapshot {
  const score = (s: ScoreFacts | null) => (s ? { likelihood: s.likelihood, impact: s.impact, level: s.level } : null);
  return {
    methodId: r.methodId,
    ownerUserId: r.ownerUserId,
    inherent: score(r.inherent),
    current: score(r.current),
    residual: score(r.residual),
    treatment: r.treatment,
    treatmentPlan: r.treatmentPlan,
    // The order controls were picked in is not part of the decision.
    controlIds: [...r.controlIds].sort(),
  };
}

/** The level that remains: residual when scored, else what is there today, else the inherent level. */
export const remainingLevel = (r: Pick<RiskSnapshot, "inherent" | "current" | "residual">): number | null =>
  (r.residual ?? r.current ?? r.inherent)?.level ?? null;

/** The level a treatment decision is judged on: today's, else the inherent one. */
export const presentLevel = (r: Pick<RiskSnapshot, "inherent" | "current">): number | null => (r.current ?? r.inherent)?.level ?? null;

export interface StoredDecision {
  hash: string;
  snapshot: unknown;
  expiresOn: string | null;
  revokedAt: string | null;
}

/**
 * A decision holds while the risk is as it was decided: a change of scores, controls or
 * treatment makes it stale (with what changed); an acceptance also runs out on its expiry date.
 */
export function decisionState(
  decision: StoredDecision,
  current: { hash: string; snapshot: unknown },
  today: string,
): { state: DecisionState; changes: Change[] } {
  if (decision.revokedAt) return { state: "revoked", changes: [] };
  if (decision.hash !== current.hash) return { state: "stale", changes: snapshotChanges(decision.snapshot, current.snapshot) };
  if (decision.expiresOn !== null && decision.expiresOn < today) return { state: "expired", changes: [] };
  return { state: "valid", changes: [] };
}

/** Adds whole months to an ISO date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Why an acceptance's expiry is not acceptable, or null. */
export function expiryProblem(expiresOn: string | null, today: string, maxMonths: number | null): string | null {
  if (expiresOn === null) return "an acceptance needs an expiry date";
  if (expiresOn <= today) return "must be after today";
  if (maxMonths !== null) {
    const limit = addMonths(today, maxMonths);
    if (expiresOn > limit) return `must be at most ${maxMonths} months ahead (on or before ${limit}), as the risk method allows`;
  }
  return null;
}

/**
 * Who takes a decision at each acceptance authority the risk method names: the member roles
 * that count as it, and whether the risk's owner does too. A higher authority may always decide
 * for a lower one, so top management (the approver role) decides at every level. The one table
 * the server enforces (`mayDecideAt`), the risk method page shows and docs/api.md describes.
 */
export const AUTHORITY_DECIDERS: Readonly<Record<AcceptanceAuthority, { roles: readonly Role[]; riskOwner: boolean }>> = {
  risk_owner: { roles: ["admin", "isms_manager", "approver"], riskOwner: true },
  isms_manager: { roles: ["admin", "isms_manager", "approver"], riskOwner: false },
  top_management: { roles: ["approver"], riskOwner: false },
};

/**
 * Whether someone may take a decision that needs `authority` (risk_owner, isms_manager,
 * top_management), by `AUTHORITY_DECIDERS`; an unknown authority is read as the risk owner's.
 * The server enforces it; the web app uses it to offer only the actions that will be accepted.
 */
export function mayDecideAt(authority: string | null, who: { role: string | null; isOwner: boolean }): boolean {
  const known = authority !== null && Object.hasOwn(AUTHORITY_DECIDERS, authority);
  const deciders = AUTHORITY_DECIDERS[known ? (authority as AcceptanceAuthority) : "risk_owner"];
  return (deciders.riskOwner && who.isOwner) || deciders.roles.some((role) => role === who.role);
}

/** Who may revoke a decision: the person who took it, an ISMS manager or administrator, or top management. */
export const mayRevoke = (decidedById: string | null, who: { userId: string; role: string | null }): boolean =>
  decidedById === who.userId || who.role === "admin" || who.role === "isms_manager" || who.role === "approver";
