import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";

/** Where the programme is planned; the web maps it to a page. */
export const AUDIT_PROGRAMME_REGISTER = "audit-programme";

/** The audit programme as the 9.4b rule reads it (the server computes coverage and conflicts). */
export interface AuditProgrammeFacts {
  programme: { id: string; title: string; cycleStart: string; cycleEnd: string } | null;
  /** Clause requirements and included controls no audit of the cycle covers yet. */
  unplanned: { kind: "clause" | "control"; ref: string; title: string }[];
  audits: {
    id: string;
    ref: string;
    title: string;
    /** What the audit still lacks, in words ("a lead auditor", "criteria", "dates", "an audit plan"). */
    lacks: string[];
    /** Independence conflicts in words. */
    conflicts: string[];
  }[];
}

declare module "../process/data.js" {
  interface ProcessData {
    /** Absent when the register is not loaded. */
    auditProgramme?: AuditProgrammeFacts;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });
const LISTED = 10;

/** Names the first few and counts the rest, so a long list stays readable. */
export function listSome(names: readonly string[], limit = LISTED): string {
  if (names.length <= limit) return names.join(", ");
  return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}

/** 9.4b: a programme over a cycle, every clause and included control planned, every audit complete and independent. */
function auditProgrammeDesigned(data: { auditProgramme?: AuditProgrammeFacts }): RuleResult {
  const facts = data.auditProgramme;
  const link = { register: AUDIT_PROGRAMME_REGISTER };
  if (!facts?.programme)
    return {
      started: (facts?.audits.length ?? 0) > 0,
      checks: [
        check("programme", "An audit programme over a cycle", [
          { message: "Create the internal audit programme with its cycle (three years by default).", link },
        ]),
      ],
    };
  const programmeLink = { register: AUDIT_PROGRAMME_REGISTER, id: facts.programme.id };
  const clauses = facts.unplanned.filter((u) => u.kind === "clause");
  const controls = facts.unplanned.filter((u) => u.kind === "control");
  const auditLink = (id: string) => ({ register: "audits", id });
  return {
    started: true,
    checks: [
      check("programme", "An audit programme over a cycle", []),
      check(
        "audits-planned",
        "At least one audit planned",
        facts.audits.length > 0 ? [] : [{ message: "Plan the first internal audit of the programme.", link: programmeLink }],
      ),
      check(
        "clauses-covered",
        "Every clause 4–10 is audited in the cycle",
        clauses.length === 0
          ? []
          : [
              {
                message: `No audit of the cycle (${facts.programme.cycleStart} to ${facts.programme.cycleEnd}) covers clause ${listSome(clauses.map((c) => c.ref))}.`,
                link: programmeLink,
              },
            ],
      ),
      check(
        "controls-covered",
        "Every control the SoA includes is audited in the cycle",
        controls.length === 0
          ? []
          : [{ message: `No audit of the cycle covers control ${listSome(controls.map((c) => c.ref))}.`, link: programmeLink }],
      ),
      check(
        "audits-complete",
        "Each audit has a lead auditor, criteria, dates and a plan",
        facts.audits
          .filter((a) => a.lacks.length > 0)
          .map((a) => ({ message: `Audit ${a.ref} "${a.title}" lacks ${a.lacks.join(", ")}.`, link: auditLink(a.id) })),
      ),
      check(
        "auditors-independent",
        "No auditor audits what they own",
        facts.audits.flatMap((a) => a.conflicts.map((c) => ({ message: `Audit ${a.ref}: ${c}.`, link: auditLink(a.id) }))),
      ),
    ],
  };
}

export const AUDIT_PROGRAMME_RULES: Readonly<Record<string, Rule>> = {
  "audit-programme-designed": auditProgrammeDesigned,
};
