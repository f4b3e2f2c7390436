/** The Statement of Applicability, computed from the control catalogs, the risks and the recorded decisions. */

export interface SoaControl {
  id: string;
  source: "annex-a" | "custom";
  ref: string;
  title: string;
  group: string | null;
}

export interface SoaEntry {
  decision: "include" | "exclude" | null;
  justification: string | null;
  implementation: "not_started" | "planned" | "partial" | "implemented";
  owner: string | null;
  requirementIds: string[];
  version: number;
}

export interface RiskLink {
  id: string;
  ref: string;
  title: string;
}

export interface RequirementLink {
  id: string;
  title: string;
  kind: "requirement" | "obligation";
}

/** The open risks whose "modify" treatment uses a control: how many, the first ones in reference order, and a fingerprint of the whole set. */
export interface ControlRisks {
  count: number;
  first: readonly RiskLink[];
  /** Changes whenever the set of risks changes, so that the SoA's hash does too (e.g. the sum of their numbers). */
  fingerprint: string;
}

export interface SoaInputs {
  controls: readonly SoaControl[];
  entries: ReadonlyMap<string, SoaEntry>;
  risksByControl: ReadonlyMap<string, ControlRisks>;
  requirements: ReadonlyMap<string, RequirementLink>;
  /** A control's implementation status derived from its implementation tasks; a control without tasks keeps what its entry records. */
  implementationFromTasks?: ReadonlyMap<string, SoaEntry["implementation"]>;
}

export type SoaBasis = "risks" | "requirements" | "decision" | "excluded" | "undecided";

export interface SoaRowFacts {
  control: SoaControl;
  applicable: boolean | null;
  basis: SoaBasis;
  decision: "include" | "exclude" | null;
  risks: RiskLink[];
  riskCount: number;
  riskFingerprint: string;
  requirements: RequirementLink[];
  justification: string;
  note: string | null;
  implementation: SoaEntry["implementation"];
  owner: string | null;
  problems: string[];
  version: number;
}

/** A row lists this many risks; the count and the justification speak for the rest. */
export const RISKS_LISTED = 25;

const NO_ENTRY: SoaEntry = {
  decision: null,
  justification: null,
  implementation: "not_started",
  owner: null,
  requirementIds: [],
  version: 0,
};

function listRefs(risks: readonly RiskLink[], count = risks.length): string {
  const shown = risks.slice(0, 5).map((r) => r.ref);
  const more = count > shown.length ? ` and ${count - shown.length} more` : "";
  return `${shown.join(", ")}${more}`;
}

/**
 * One row per control. A control is applicable when a risk treatment uses it or a requirement
 * calls for it (the justification says which) or when someone included it with a reason; it is
 * excluded only by a recorded decision with a justification, which a risk or requirement that
 * still needs the control contradicts.
 */
export function computeSoa(inputs: SoaInputs): SoaRowFacts[] {
  return inputs.controls.map((control) => {
    const entry = inputs.entries.get(control.id) ?? NO_ENTRY;
    const linked = inputs.risksByControl.get(control.id);
    const allRisks = linked?.first ?? [];
    const riskCount = linked?.count ?? 0;
    const requirements = entry.requirementIds.flatMap((id) => {
      const found = inputs.requirements.get(id);
      return found ? [found] : [];
    });
    const problems: string[] = [];
    const reasons: string[] = [];
    if (riskCount > 0)
      reasons.push(`Selected to treat ${riskCount === 1 ? "risk" : `${riskCount} risks`} ${listRefs(allRisks, riskCount)}.`);
    if (requirements.length > 0) reasons.push(`Required by ${requirements.map((r) => `"${r.title}"`).join(", ")}.`);
    const note = entry.decision === "exclude" ? null : entry.justification;

    let applicable: boolean | null;
    let basis: SoaBasis;
    if (entry.decision === "exclude") {
      applicable = false;
      basis = "excluded";
      if (!entry.justification) problems.push("The exclusion has no justification.");
      if (riskCount > 0) problems.push(`Excluded, yet the treatment of ${listRefs(allRisks, riskCount)} uses it.`);
      if (requirements.length > 0) problems.push(`Excluded, yet ${requirements.map((r) => `"${r.title}"`).join(", ")} calls for it.`);
    } else if (riskCount > 0) {
      applicable = true;
      basis = "risks";
    } else if (requirements.length > 0) {
      applicable = true;
      basis = "requirements";
    } else if (entry.decision === "include") {
      applicable = true;
      basis = "decision";
      if (!note) problems.push("Included without a risk, a requirement or a note saying why.");
    } else {
      applicable = null;
      basis = "undecided";
      problems.push("No applicability decision yet: no risk or requirement uses it, and it is neither included nor excluded.");
    }
    const justification = basis === "excluded" ? (entry.justification ?? "") : [...reasons, ...(note ? [note] : [])].join(" ");
    return {
      control,
      applicable,
      basis,
      decision: entry.decision,
      risks: allRisks.slice(0, RISKS_LISTED),
      riskCount,
      riskFingerprint: linked?.fingerprint ?? "",
      requirements,
      justification,
      note,
      implementation: inputs.implementationFromTasks?.get(control.id) ?? entry.implementation,
      owner: entry.owner,
      problems,
      version: entry.version,
    };
  });
}

/**
 * What an issued SoA version and the G3 authorization are bound to: the applicability decisions
 * and what justifies them, by reference. Implementation progress is left out: it moves every
 * week in phase 5 without changing what was decided.
 */
export function soaDecisions(rows: readonly SoaRowFacts[]) {
  return rows.map((r) => ({
    control: r.control.id,
    applicable: r.applicable,
    basis: r.basis,
    risks:
      r.riskCount > RISKS_LISTED
        ? { count: r.riskCount, first: r.risks.map((x) => x.ref), fingerprint: r.riskFingerprint }
        : r.risks.map((x) => x.ref),
    requirements: r.requirements.map((x) => x.id),
    justification: r.basis === "excluded" ? r.justification : r.note,
  }));
}

export interface SoaSummary {
  controls: number;
  applicable: number;
  excluded: number;
  undecided: number;
  implemented: number;
  problems: number;
}

export function summarizeSoa(rows: readonly SoaRowFacts[]): SoaSummary {
  return {
    controls: rows.length,
    applicable: rows.filter((r) => r.applicable === true).length,
    excluded: rows.filter((r) => r.applicable === false).length,
    undecided: rows.filter((r) => r.applicable === null).length,
    implemented: rows.filter((r) => r.applicable === true && r.implementation === "implemented").length,
    problems: rows.filter((r) => r.problems.length > 0).length,
  };
}
