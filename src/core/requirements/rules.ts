import { isBlank, type ProcessData } from "../process/data.js";
import type { MissingItem, Rule, RuleResult } from "../process/rules.js";
import { checkNaming, needsText } from "./check.js";

/** What activity 7.2 is evaluated on; the obligations themselves are phase 1's. */
export interface RequirementsData {
  parties: { id: string; name: string }[];
  requirements: { id: string; title: string; partyId: string; source: string | null; owner: string | null }[];
}

declare module "../process/data.js" {
  interface ProcessData {
    requirements?: RequirementsData;
  }
}

export const emptyRequirementsData = (): RequirementsData => ({ parties: [], requirements: [] });

const lacking = (record: { source: string | null; owner: string | null }) =>
  needsText([isBlank(record.source) ? "a source" : null, isBlank(record.owner) ? "an owner" : null]);

function securityRequirementsRecorded(data: ProcessData): RuleResult {
  const { parties, requirements } = data.requirements ?? emptyRequirementsData();
  const partiesWithRequirements = new Set(requirements.map((r) => r.partyId));
  const partyRequirement: MissingItem[] = parties.some((p) => partiesWithRequirements.has(p.id))
    ? []
    : parties.length === 0
      ? [{ message: "Record at least one interested party (customer, regulator, employee, …).", link: { register: "interested-parties" } }]
      : [{ message: "Record at least one requirement of an interested party.", link: { register: "requirements" } }];
  return {
    started: parties.length > 0 || requirements.length > 0,
    checks: [
      checkNaming("interested-party-requirement", "At least one interested party with a requirement", partyRequirement, {
        register: "requirements",
      }),
      checkNaming(
        "requirements-sourced-and-owned",
        "Every requirement has a source and an owner",
        requirements.flatMap((r) => {
          const needs = lacking(r);
          return needs ? [{ message: `Requirement "${r.title}" needs ${needs}.`, link: { register: "requirements", id: r.id } }] : [];
        }),
        { register: "requirements" },
      ),
      checkNaming(
        "obligations-sourced-and-owned",
        "Every obligation has a source and an owner",
        data.phase1.obligations.flatMap((o) => {
          const needs = lacking(o);
          return needs ? [{ message: `Obligation "${o.title}" needs ${needs}.`, link: { register: "obligations", id: o.id } }] : [];
        }),
        { register: "obligations" },
      ),
    ],
  };
}

/** Completion rules of activity 7.2, by their catalog names. */
export const REQUIREMENTS_RULES: Readonly<Record<string, Rule>> = {
  "security-requirements-recorded": securityRequirementsRecorded,
};
