/**
 * The audit programme's coverage: over one cycle every clause requirement (4–10) and every
 * control the SoA includes is audited at least once. An audit scoped to a clause heading ("6",
 * "9.2") covers the requirements under it. Priority says where to audit sooner or more often:
 * controls treating risks above the acceptance threshold, and anything with earlier findings.
 */

export interface CoverageAudit {
  id: string;
  ref: string;
  title: string;
  /** YYYY-MM-DD */
  start: string;
  status: string;
  clauses: readonly string[];
  controls: readonly string[];
}

export interface CoverageTarget {
  kind: "clause" | "control";
  /** Clause number or control id. */
  id: string;
  /** What people read: the clause number or the control reference. */
  ref: string;
  title: string;
  /** A risk above the acceptance threshold is treated by it (controls only). */
  highRisk?: boolean;
  /** Nonconformities and observations found on it in earlier audits. */
  earlierFindings?: number;
}

export type Priority = "high" | "normal";

export interface CoverageRow extends CoverageTarget {
  priority: Priority;
  reasons: string[];
  /** The audits in the cycle that cover it, earliest first. */
  audits: { id: string; ref: string; start: string; status: string }[];
  planned: boolean;
}

export interface CoverageSummary {
  clauses: { total: number; planned: number };
  controls: { total: number; planned: number };
}

/** Whether an audit scoped to clause `scoped` covers clause requirement `clause`. */
export function clauseCovers(scoped: string, clause: string): boolean {
  return clause === scoped || clause.startsWith(`${scoped}.`);
}

/** The cycle's last day: `years` years after its first, less a day. */
export function cycleEnd(start: string, years: number): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

export function priorityOf(target: CoverageTarget): { priority: Priority; reasons: string[] } {
  const reasons: string[] = [];
  if (target.highRisk) reasons.push("treats a risk above the acceptance threshold");
  if ((target.earlierFindings ?? 0) > 0) reasons.push(`${target.earlierFindings} earlier finding(s)`);
  return { priority: reasons.length > 0 ? "high" : "normal", reasons };
}

/**
 * One row per target with the audits of the cycle [from, to] that cover it; unplanned rows are
 * what the programme still lacks. Audits outside the cycle do not count.
 */
export function coverageMatrix(
  targets: readonly CoverageTarget[],
  audits: readonly CoverageAudit[],
  from: string,
  to: string,
): { rows: CoverageRow[]; summary: CoverageSummary } {
  const inCycle = audits
    .filter((a) => a.start >= from && a.start <= to)
    .sort((a, b) => a.start.localeCompare(b.start) || a.ref.localeCompare(b.ref));
  const rows = targets.map((target): CoverageRow => {
    const covering = inCycle.filter((a) =>
      target.kind === "clause" ? a.clauses.some((c) => clauseCovers(c, target.id)) : a.controls.includes(target.id),
    );
    return {
      ...target,
      ...priorityOf(target),
      audits: covering.map((a) => ({ id: a.id, ref: a.ref, start: a.start, status: a.status })),
      planned: covering.length > 0,
    };
  });
  const count = (kind: CoverageTarget["kind"]) => {
    const of = rows.filter((r) => r.kind === kind);
    return { total: of.length, planned: of.filter((r) => r.planned).length };
  };
  return { rows, summary: { clauses: count("clause"), controls: count("control") } };
}
