import { type GapItem, type ReferenceIndex, THEME_TITLES, THEMES } from "./reference.js";

/** Where an item stands today. An item nobody has looked at yet is "not_assessed". */
export const GAP_STATUSES = ["not_assessed", "not_implemented", "partially_implemented", "implemented", "not_applicable"] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

export const MAX_MATURITY = 5;

/** The part of an assessment the dashboard and the completion rule read. */
export interface AssessmentFacts {
  itemId: string;
  status: GapStatus;
  /** 0 to 5, or null when not rated. */
  maturity: number | null;
}

export interface MaturityProfile {
  /** Items that count towards the profile: rated, and neither not assessed nor not applicable. */
  rated: number;
  average: number | null;
  /** Index = maturity level 0 to 5, value = how many items are at that level. */
  distribution: number[];
}

export interface GroupSummary {
  key: string;
  title: string;
  total: number;
  counts: Record<GapStatus, number>;
  maturity: MaturityProfile;
}

export interface GapSummary {
  byTheme: GroupSummary[];
  byClause: GroupSummary[];
  totals: GroupSummary;
  complete: boolean;
}

/** Item id -> its assessment; the last one wins. An item without one is "not_assessed". */
function byItem(assessments: Iterable<AssessmentFacts>): Map<string, AssessmentFacts> {
  return new Map([...assessments].map((a) => [a.itemId, a]));
}

function summarizeGroup(key: string, title: string, items: readonly GapItem[], byId: ReadonlyMap<string, AssessmentFacts>): GroupSummary {
  const counts = Object.fromEntries(GAP_STATUSES.map((s) => [s, 0])) as Record<GapStatus, number>;
  const distribution: number[] = Array.from({ length: MAX_MATURITY + 1 }, () => 0);
  let rated = 0;
  let sum = 0;
  for (const item of items) {
    const assessment = byId.get(item.id);
    const status = assessment?.status ?? "not_assessed";
    counts[status]++;
    // Maturity describes something in place, so unassessed and not-applicable items stay out of the profile.
    const maturity = assessment?.maturity;
    if (maturity == null || status === "not_assessed" || status === "not_applicable") continue;
    rated++;
    sum += maturity;
    distribution[maturity] = (distribution[maturity] ?? 0) + 1;
  }
  return { key, title, total: items.length, counts, maturity: { rated, average: rated === 0 ? null : sum / rated, distribution } };
}

/** The dashboard: status counts and maturity profile per control theme, per top-level clause, and overall. */
export function summarize(reference: ReferenceIndex, assessments: Iterable<AssessmentFacts>): GapSummary {
  const byId = byItem(assessments);
  const inGroup = (group: string) => reference.items.filter((item) => item.group === group);
  const totals = summarizeGroup("all", reference.reference.title, reference.items, byId);
  return {
    byTheme: THEMES.map((theme) => summarizeGroup(theme, THEME_TITLES[theme], inGroup(theme), byId)),
    byClause: reference.topClauses.map((clause) => summarizeGroup(clause.id, clause.title, inGroup(clause.id), byId)),
    totals,
    complete: totals.counts.not_assessed === 0,
  };
}

/** The items that still have no status, in reference order. */
export function unassessedItems(reference: ReferenceIndex, assessments: Iterable<AssessmentFacts>): GapItem[] {
  const byId = byItem(assessments);
  return reference.items.filter((item) => (byId.get(item.id)?.status ?? "not_assessed") === "not_assessed");
}

/** Every clause item and every Annex A control has a status other than "not assessed". */
export function isComplete(reference: ReferenceIndex, assessments: Iterable<AssessmentFacts>): boolean {
  return unassessedItems(reference, assessments).length === 0;
}
