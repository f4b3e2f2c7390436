import type { MissingItem, Rule } from "../process/rules.js";
import { checkNaming } from "../requirements/check.js";
import type { DecisionState } from "./decisions.js";

/** What activities 8.2–8.4 are evaluated on, reduced from the risk registers. */
export interface RiskData {
  method: { exists: boolean; approved: boolean; number: number | null; threshold: number; levelNames: string[] };
  risks: RiskFacts[];
  uncoveredAssets: { id: string; name: string }[];
  soa: {
    undecided: string[];
    problems: { controlId: string; message: string }[];
    /** The latest issued version, and whether the SoA still matches it. */
    issued: { number: number; matches: boolean } | null;
  };
  /** Anything recorded in the SoA yet. */
  soaStarted: boolean;
}

export interface RiskFacts {
  id: string;
  ref: string;
  title: string;
  open: boolean;
  hasOwner: boolean;
  inherentScored: boolean;
  rescoreNeeded: boolean;
  /** Today's level (current, else inherent). */
  presentLevel: number | null;
  /** What remains after treatment (residual, else current, else inherent). */
  remainingLevel: number | null;
  treatment: string | null;
  /** Whether a "modify" treatment names at least one control. */
  hasControls: boolean;
  treatmentApproval: DecisionState | "none";
  acceptance: DecisionState | "none";
}

declare module "../process/data.js" {
  interface ProcessData {
    risk?: RiskData;
  }
}

const RISKS = { register: "risks" };
const METHOD = { register: "risk-method" };
const SOA = { register: "soa" };
const riskLink = (id: string) => ({ register: "risks", id });
const named = (r: RiskFacts) => `${r.ref} "${r.title}"`;

const levelName = (data: RiskData, level: number | null) =>
  level === null ? "unscored" : (data.method.levelNames[level] ?? `level ${level}`);

function riskAssessmentComplete(data: RiskData | undefined): ReturnType<Rule> {
  const risk = data;
  const open = risk?.risks.filter((r) => r.open) ?? [];
  const methodMissing: MissingItem[] = !risk?.method.approved
    ? [
        {
          message: risk?.method.exists
            ? "Have the risk method and its acceptance criteria approved by management."
            : "Set up the risk method (scales, matrix, acceptance criteria) and have it approved.",
          link: METHOD,
        },
      ]
    : [];
  const uncovered = (risk?.uncoveredAssets ?? []).map((a) => ({
    message: `Primary asset "${a.name}" is covered by no risk and has no "no risk identified" decision.`,
    link: { register: "risk-coverage", id: a.id },
  }));
  const incomplete = open
    .filter((r) => !r.hasOwner || !r.inherentScored)
    .map((r) => ({
      message: `Risk ${named(r)} needs ${[!r.hasOwner ? "an owner" : null, !r.inherentScored ? "an inherent likelihood and impact" : null].filter(Boolean).join(" and ")}.`,
      link: riskLink(r.id),
    }));
  const rescore = open
    .filter((r) => r.rescoreNeeded)
    .map((r) => ({ message: `Risk ${named(r)} was scored with an earlier method version: re-score it.`, link: riskLink(r.id) }));
  return {
    started: (risk?.risks.length ?? 0) > 0 || (risk?.method.exists ?? false),
    checks: [
      checkNaming("risk-method-approved", "Risk method and acceptance criteria approved", methodMissing, METHOD),
      checkNaming(
        "risk-register-started",
        "At least one risk identified",
        (risk?.risks.length ?? 0) > 0 ? [] : [{ message: "Identify at least one risk.", link: RISKS }],
        RISKS,
      ),
      checkNaming("primary-assets-covered", "Every primary asset in scope is covered by a risk or a decision", uncovered, {
        register: "risk-coverage",
      }),
      checkNaming("risks-analysed", "Every open risk has an owner and an inherent score", incomplete, RISKS),
      checkNaming("risks-current-method", "Every open risk is scored with the method in force", rescore, RISKS),
    ],
  };
}

function riskTreatmentPlanned(data: RiskData | undefined): ReturnType<Rule> {
  const open = data?.risks.filter((r) => r.open) ?? [];
  const threshold = data?.method.threshold ?? 0;
  const untreated = open
    .filter((r) => r.presentLevel !== null && r.presentLevel > threshold && r.treatment === null)
    .map((r) => ({
      message: `Risk ${named(r)} is ${data ? levelName(data, r.presentLevel) : ""}, above what may be retained without treatment: choose a treatment.`,
      link: riskLink(r.id),
    }));
  const modifyWithout = open
    .filter((r) => r.treatment === "modify" && !r.hasControls)
    .map((r) => ({ message: `Risk ${named(r)} is to be modified but has no control chosen.`, link: riskLink(r.id) }));
  const undecided = data?.soa.undecided ?? [];
  const soaMissing: MissingItem[] =
    undecided.length > 0
      ? [
          {
            message: `${undecided.length} control(s) have no applicability decision: ${undecided.slice(0, 10).join(", ")}${undecided.length > 10 ? ", …" : ""}.`,
            link: { register: "soa", id: undecided[0] as string },
          },
        ]
      : [];
  const soaProblems = (data?.soa.problems ?? [])
    .filter((p) => !undecided.includes(p.controlId))
    .map((p) => ({ message: `${p.controlId}: ${p.message}`, link: { register: "soa", id: p.controlId } }));
  return {
    started: open.some((r) => r.treatment !== null) || (data?.soaStarted ?? false),
    checks: [
      checkNaming("risks-treated", "Every risk above the acceptance threshold has a treatment", untreated, RISKS),
      checkNaming("modify-has-controls", "Every risk to be modified has at least one control", modifyWithout, RISKS),
      checkNaming("soa-decided", "Every control has an applicability decision", soaMissing, SOA),
      checkNaming("soa-justified", "Every applicability decision is justified and consistent", soaProblems, SOA),
    ],
  };
}

const DECISION_WORDS: Record<DecisionState | "none", string> = {
  none: "has none",
  valid: "holds",
  stale: "is stale: the risk changed after it",
  expired: "has expired",
  revoked: "was revoked",
};

function residualRisksAccepted(data: RiskData | undefined): ReturnType<Rule> {
  const open = data?.risks.filter((r) => r.open) ?? [];
  const threshold = data?.method.threshold ?? 0;
  const plans = open
    .filter((r) => r.treatment !== null && r.treatmentApproval !== "valid")
    .map((r) => ({
      message: `The treatment plan of risk ${named(r)} needs its owner's approval (it ${DECISION_WORDS[r.treatmentApproval]}).`,
      link: riskLink(r.id),
    }));
  const acceptances = open
    .filter((r) => r.remainingLevel !== null && r.remainingLevel > threshold && r.acceptance !== "valid")
    .map((r) => ({
      message: `The residual risk of ${named(r)} (${data ? levelName(data, r.remainingLevel) : ""}) must be accepted by the person the criteria name; the acceptance ${DECISION_WORDS[r.acceptance]}.`,
      link: riskLink(r.id),
    }));
  const issued = data?.soa.issued ?? null;
  const soa: MissingItem[] =
    issued === null
      ? [{ message: "Issue a version of the Statement of Applicability for approval.", link: SOA }]
      : issued.matches
        ? []
        : [
            {
              message: `The Statement of Applicability changed since version ${issued.number} was issued: issue a new version.`,
              link: SOA,
            },
          ];
  return {
    started: open.some((r) => r.treatmentApproval !== "none" || r.acceptance !== "none") || issued !== null,
    checks: [
      checkNaming("treatment-plans-approved", "Every treatment plan approved by its risk owner", plans, RISKS),
      checkNaming("residual-risks-accepted", "Every residual risk above the threshold accepted", acceptances, RISKS),
      checkNaming("soa-issued", "The Statement of Applicability issued as it stands", soa, SOA),
    ],
  };
}

/** 8.2, 8.3 and 8.4, by the rule names the process catalog uses. */
export const RISK_RULES: Readonly<Record<string, Rule>> = {
  "risk-assessment-complete": ({ risk }) => riskAssessmentComplete(risk),
  "risk-treatment-planned": ({ risk }) => riskTreatmentPlanned(risk),
  "residual-risks-accepted": ({ risk }) => residualRisksAccepted(risk),
};
