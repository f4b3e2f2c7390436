/**
 * Derives the roadmap from the catalog and the organization's data. Status is never stored: it
 * is recomputed from facts, so the same catalog and data always give the same roadmap.
 */
import type { Activity, ProcessCatalog } from "./catalog.js";
import { type GateState, lookup, type ProcessData } from "./data.js";
import { topologicalOrder } from "./graph.js";
import { isJustified } from "./not-applicable.js";
import { type Check, type RegisterLink, RULES, type Rule } from "./rules.js";

export type ActivityStatus = "not_applicable" | "blocked" | "ready" | "in_progress" | "complete" | "approved";

export type RoadmapWarning =
  | { kind: "stale-approval"; gate: string; message: string }
  | { kind: "stale-prerequisite"; activity: string; gate: string; message: string };

export interface ActivityResult {
  id: string;
  phase: string;
  title: string;
  status: ActivityStatus;
  /** Whether dependents may proceed: the activity is done (`isDone`). */
  satisfied: boolean;
  checks: Check[];
  reasons: string[];
  warnings: RoadmapWarning[];
  gate: { id: string; state: GateState } | null;
}

export interface Progress {
  total: number;
  done: number;
  percent: number;
}

export interface PhaseProgress extends Progress {
  id: string;
  title: string;
}

export interface NextAction {
  id: string;
  title: string;
  status: "ready" | "in_progress";
  message: string;
  link: RegisterLink | null;
}

export interface CriticalPath {
  activities: string[];
  totalDays: number;
}

export interface Roadmap {
  catalog: { id: string; version: string };
  activities: ActivityResult[];
  phases: PhaseProgress[];
  overall: Progress;
  nextActions: NextAction[];
  criticalPath: CriticalPath;
}

/**
 * Whether an activity counts as done, the one definition progress, the critical path and every
 * front door use: not applicable, approved, or complete when no gate asks for an approval. An
 * activity with a gate is done only while its approval is valid; requested, pending, rejected,
 * revoked or stale, it is complete but not done.
 */
export function isDone(activity: Pick<ActivityResult, "status" | "gate">): boolean {
  if (activity.status === "not_applicable" || activity.status === "approved") return true;
  return activity.status === "complete" && activity.gate === null;
}

const STATUS_WORDS: Record<ActivityStatus, string> = {
  not_applicable: "not applicable",
  blocked: "blocked",
  ready: "not started",
  in_progress: "in progress",
  complete: "complete",
  approved: "approved",
};

const GATE_WORDS: Record<GateState, string> = {
  none: "has not been submitted for approval",
  pending: "is awaiting approval",
  approved: "is approved",
  stale: "has an approval that is stale because the content changed afterwards",
  rejected: "was rejected",
  revoked: "had its approval revoked",
};

/** Floor, so 100% appears only when everything is done. */
function progress(activities: readonly ActivityResult[]): Progress {
  const done = activities.filter(isDone).length;
  const total = activities.length;
  return { total, done, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

function unsatisfiedReason(prerequisite: ActivityResult): string {
  const name = `${prerequisite.id} "${prerequisite.title}"`;
  if (prerequisite.status === "complete" && prerequisite.gate) {
    return `Waiting for ${name}: it is complete but gate ${prerequisite.gate.id} ${GATE_WORDS[prerequisite.gate.state]}.`;
  }
  return `Waiting for ${name}, which is ${STATUS_WORDS[prerequisite.status]}.`;
}

function runRules(activity: Activity, data: ProcessData, rules: Readonly<Record<string, Rule>>): { checks: Check[]; started: boolean } {
  const checks: Check[] = [];
  let started = false;
  for (const name of activity.rules) {
    const rule = lookup(rules, name);
    // A catalog parsed against another rule set may name a rule this build lacks; that must fail, not pass.
    const result = rule
      ? rule(data)
      : {
          started: false,
          checks: [
            {
              id: `unknown-rule:${name}`,
              label: `Completion rule "${name}"`,
              ok: false,
              missing: [{ message: `The completion rule "${name}" is not available in this version.`, link: { register: "catalog" } }],
            },
          ],
        };
    checks.push(...result.checks);
    started ||= result.started;
  }
  return { checks, started };
}

function evaluateActivity(
  activity: Activity,
  data: ProcessData,
  rules: Readonly<Record<string, Rule>>,
  catalog: ProcessCatalog,
  done: ReadonlyMap<string, ActivityResult>,
): ActivityResult {
  const result = activityStatus(activity, data, rules, catalog, done);
  return { ...result, satisfied: isDone(result) };
}

function activityStatus(
  activity: Activity,
  data: ProcessData,
  rules: Readonly<Record<string, Rule>>,
  catalog: ProcessCatalog,
  done: ReadonlyMap<string, ActivityResult>,
): Omit<ActivityResult, "satisfied"> {
  const { checks, started } = runRules(activity, data, rules);
  const gate = activity.gate === undefined ? null : { id: activity.gate, state: lookup(data.gates, activity.gate) ?? "none" };
  const missing = checks
    .filter((c) => !c.ok)
    .flatMap((c) => (c.missing.length > 0 ? c.missing.map((m) => m.message) : [`${c.label}: not met.`]));
  const base = { id: activity.id, phase: activity.phase, title: activity.title, checks, gate, warnings: [] as RoadmapWarning[] };

  const na = lookup(data.notApplicable, activity.id);
  if (isJustified(na)) {
    return { ...base, status: "not_applicable", reasons: [`Marked not applicable: ${na.justification.trim()}`] };
  }

  if (gate?.state === "stale") {
    base.warnings.push({
      kind: "stale-approval",
      gate: gate.id,
      message: `The approval at gate ${gate.id} is stale: the content changed after it was approved. Ask for approval again.`,
    });
  }

  const waiting = activity.prerequisites.map((p) => done.get(p)!).filter((p) => !p.satisfied);
  if (waiting.length > 0) return { ...base, status: "blocked", reasons: [...waiting.map(unsatisfiedReason), ...missing] };

  if (missing.length > 0) return { ...base, status: started ? "in_progress" : "ready", reasons: missing };

  if (gate === null) return { ...base, status: "complete", reasons: [] };
  if (gate.state === "approved") return { ...base, status: "approved", reasons: [] };
  const title = catalog.gates.find((g) => g.id === gate.id)?.title;
  return {
    ...base,
    status: "complete",
    reasons: [`Gate ${gate.id}${title ? ` (${title})` : ""} ${GATE_WORDS[gate.state]}.`],
  };
}

/**
 * The longest chain, by estimated days, of unfinished activities linked by prerequisites and
 * ending at the catalog's last activity: the work that decides when the project can finish.
 */
function criticalPath(catalog: ProcessCatalog, order: readonly string[], results: ReadonlyMap<string, ActivityResult>): CriticalPath {
  const last = catalog.activities.at(-1)!;
  const unfinished = (id: string) => !isDone(results.get(id)!);
  if (!unfinished(last.id)) return { activities: [], totalDays: 0 };

  const byId = new Map(catalog.activities.map((a) => [a.id, a] as const));
  const position = new Map(catalog.activities.map((a, i) => [a.id, i] as const));
  const best = new Map<string, { days: number; via: string | null }>();
  for (const id of order) {
    if (!unfinished(id)) continue;
    let via: string | null = null;
    for (const p of byId.get(id)!.prerequisites) {
      const candidate = best.get(p);
      if (!candidate) continue;
      const current = via === null ? undefined : best.get(via)!;
      // Ties go to the prerequisite listed first in the catalog, so the path is stable.
      if (!current || candidate.days > current.days || (candidate.days === current.days && position.get(p)! < position.get(via!)!)) via = p;
    }
    best.set(id, { days: byId.get(id)!.estimatedDays + (via === null ? 0 : best.get(via)!.days), via });
  }

  const path: string[] = [];
  for (let at: string | null = last.id; at !== null; at = best.get(at)!.via) path.unshift(at);
  return { activities: path, totalDays: best.get(last.id)!.days };
}

/**
 * Evaluates every activity of a catalog that parseCatalog accepted. Rules default to the
 * product's; another rule set can be given for a customer catalog or a test.
 */
export function evaluate(catalog: ProcessCatalog, data: ProcessData, rules: Readonly<Record<string, Rule>> = RULES): Roadmap {
  const order = topologicalOrder(catalog.activities);
  const byId = new Map(catalog.activities.map((a) => [a.id, a] as const));
  const results = new Map<string, ActivityResult>();
  for (const id of order) results.set(id, evaluateActivity(byId.get(id)!, data, rules, catalog, results));

  // A stale approval upstream leaves dependents as they are but tells them their input moved.
  for (const activity of catalog.activities) {
    for (const p of activity.prerequisites) {
      const prerequisite = results.get(p)!;
      if (prerequisite.status === "not_applicable" || prerequisite.gate?.state !== "stale") continue;
      results.get(activity.id)!.warnings.push({
        kind: "stale-prerequisite",
        activity: p,
        gate: prerequisite.gate.id,
        message: `Prerequisite ${p} "${prerequisite.title}" has a stale approval at gate ${prerequisite.gate.id}: its content changed after it was approved.`,
      });
    }
  }

  const activities = catalog.activities.map((a) => results.get(a.id)!);
  return {
    catalog: { id: catalog.id, version: catalog.version },
    activities,
    phases: catalog.phases.map((phase) => ({
      id: phase.id,
      title: phase.title,
      ...progress(activities.filter((a) => a.phase === phase.id)),
    })),
    overall: progress(activities),
    nextActions: activities.flatMap((a): NextAction[] => {
      if (a.status !== "ready" && a.status !== "in_progress") return [];
      const failing = a.checks.find((c) => !c.ok)!;
      const first = failing.missing[0];
      return [
        { id: a.id, title: a.title, status: a.status, message: first?.message ?? `${failing.label}: not met.`, link: first?.link ?? null },
      ];
    }),
    criticalPath: criticalPath(catalog, order, results),
  };
}
