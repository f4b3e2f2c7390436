import type { Check, MissingItem, Rule } from "../process/rules.js";
import type { GapItemKind, ReferenceIndex } from "./reference.js";
import { type AssessmentFacts, unassessedItems } from "./summary.js";

/** How far one kind of item is assessed: how many there are, and which still lack a status, in reference order. */
export interface GapProgress {
  total: number;
  missing: string[];
}

/** The gap assessment's facts for the roadmap (7.4), reduced to what the rule reads. */
export interface GapData {
  clauses: GapProgress;
  controls: GapProgress;
}

declare module "../process/data.js" {
  interface ProcessData {
    gap?: GapData;
  }
}

export function gapData(reference: ReferenceIndex, assessments: Iterable<AssessmentFacts>): GapData {
  const missing = unassessedItems(reference, assessments);
  const progress = (kind: GapItemKind): GapProgress => ({
    total: reference.items.filter((item) => item.kind === kind).length,
    missing: missing.filter((item) => item.kind === kind).map((item) => item.id),
  });
  return { clauses: progress("clause"), controls: progress("control") };
}

/** How many ids a reason names before it only counts the rest. */
const NAMED = 5;

const REGISTER = "gap-assessment";

function progressMissing(noun: string, progress: GapProgress | undefined): MissingItem[] {
  if (!progress) return [{ message: `Give every ${noun} a status in the gap assessment.`, link: { register: REGISTER } }];
  const { missing, total } = progress;
  const [first] = missing;
  if (first === undefined) return [];
  const named = missing.slice(0, NAMED).join(", ");
  const rest = missing.length > NAMED ? ` and ${missing.length - NAMED} more` : "";
  return [
    { message: `No status yet for ${missing.length} of ${total} ${noun}s: ${named}${rest}.`, link: { register: REGISTER, id: first } },
  ];
}

/** A check passes exactly when nothing is missing, so the two can never disagree. */
function progressCheck(id: string, label: string, noun: string, progress: GapProgress | undefined): Check {
  const missing = progressMissing(noun, progress);
  return { id, label, ok: missing.length === 0, missing };
}

const gapAssessmentComplete: Rule = ({ gap }) => ({
  started: gap !== undefined && (gap.clauses.missing.length < gap.clauses.total || gap.controls.missing.length < gap.controls.total),
  checks: [
    progressCheck("gap-clauses", "Every clause 4–10 item has a status", "clause item", gap?.clauses),
    progressCheck("gap-controls", "Every Annex A control has a status", "Annex A control", gap?.controls),
  ],
});

/** 7.4, by the rule name the process catalog uses. */
export const GAP_RULES: Readonly<Record<string, Rule>> = {
  "gap-assessment-complete": gapAssessmentComplete,
};
