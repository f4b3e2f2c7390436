import { canonicalJson } from "../audit/chain.js";
import type { GateState } from "../process/data.js";

export type ApprovalStatus = "pending" | "approved" | "rejected" | "revoked";

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

type Leaf = string | number | boolean | null;

/**
 * Flattens a snapshot into path → value. Array items that carry an `id` are addressed by it,
 * so removing the first milestone shows as one removal rather than every milestone changing.
 */
export function flatten(value: unknown, path = "", out: Map<string, Leaf> = new Map()): Map<string, Leaf> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const key = item && typeof item === "object" && "id" in item && typeof item.id === "string" ? `[${item.id}]` : `[${index}]`;
      flatten(item, `${path}${key}`, out);
    });
    if (value.length === 0) out.set(path, canonicalJson([]));
    return out;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
    return out;
  }
  out.set(path, (value ?? null) as Leaf);
  return out;
}

/** What differs between what was approved and what is there now, field by field, in path order. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => canonicalJson(a.get(p) ?? null) !== canonicalJson(b.get(p) ?? null))
    .map((p) => ({ path: p, before: a.has(p) ? a.get(p) : null, after: b.has(p) ? b.get(p) : null }));
}

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
