import { isOwner } from "../audit-programme/independence.js";

/**
 * Nonconformity and corrective action (10.2), step by step: correct it, find the root cause,
 * decide corrective actions (owner, due date), carry them out, review whether they worked, and
 * only then close. Closing names every step still missing.
 */

export const NC_SOURCES = ["audit", "incident", "review", "complaint", "other"] as const;
export type NcSource = (typeof NC_SOURCES)[number];

export interface ActionFacts {
  id: string;
  title: string;
  ownerId: string | null;
  dueDate: string;
  status: "open" | "done";
}

export interface NcFacts {
  status: "open" | "closed";
  correction: string | null;
  rootCause: string | null;
  actions: readonly ActionFacts[];
  effectiveness: { effective: boolean; reviewerId: string; coReviewerId: string | null } | null;
}

export interface MissingStep {
  step: "correction" | "root-cause" | "corrective-action" | "actions-done" | "effectiveness-review" | "effective";
  message: string;
}

const blank = (text: string | null) => text === null || text.trim() === "";

/** Every step that stands between the nonconformity and its closing, in the order they are done. */
export function closeBlockers(nc: NcFacts): MissingStep[] {
  const missing: MissingStep[] = [];
  if (blank(nc.correction)) missing.push({ step: "correction", message: "record the correction (what was done to contain it)" });
  if (blank(nc.rootCause)) missing.push({ step: "root-cause", message: "record the root-cause analysis" });
  if (nc.actions.length === 0) missing.push({ step: "corrective-action", message: "decide at least one corrective action" });
  const open = nc.actions.filter((a) => a.status !== "done");
  if (open.length > 0)
    missing.push({ step: "actions-done", message: `complete the corrective action(s) ${open.map((a) => `"${a.title}"`).join(", ")}` });
  if (!nc.effectiveness) missing.push({ step: "effectiveness-review", message: "review the effectiveness of the corrective actions" });
  else if (!nc.effectiveness.effective)
    missing.push({ step: "effective", message: "the effectiveness review found the actions not effective: decide further actions" });
  return missing;
}

/**
 * The owner of a corrective action does not review its effectiveness alone: a reviewer who owns
 * one of the actions needs a co-reviewer who owns none (and is someone else).
 */
export function reviewerBlocker(actions: readonly ActionFacts[], reviewerId: string, coReviewerId: string | null): string | null {
  const owns = (id: string) => actions.filter((a) => a.ownerId !== null && isOwner({ id, aliases: [] }, a.ownerId));
  const owned = owns(reviewerId);
  if (owned.length === 0) return null;
  const names = owned.map((a) => `"${a.title}"`).join(", ");
  if (coReviewerId === null || coReviewerId === reviewerId)
    return `the reviewer owns the corrective action(s) ${names} and cannot review their effectiveness alone: name a co-reviewer who owns none of them`;
  if (owns(coReviewerId).length > 0) return "the co-reviewer owns a corrective action too: name a co-reviewer who owns none of them";
  return null;
}

/** An open action past its due date (dates as YYYY-MM-DD). */
export const isOverdue = (action: Pick<ActionFacts, "status" | "dueDate">, today: string) =>
  action.status !== "done" && action.dueDate < today;
