import type { ProcessData } from "../process/data.js";
import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";
import {
  type Classification,
  type DocumentStatus,
  type DocumentType,
  missingSections,
  type Section,
  type VersionStatus,
} from "./documents.js";
import { controlCoverage, type DocumentLinks, mandatoryChecklist, reviewsDue } from "./register.js";

/** Where documents are edited; the web maps it to a page. */
export const POLICIES_REGISTER = "policies";

/** One controlled document as the completion rules read it. */
export interface DocumentFacts {
  id: string;
  identifier: string;
  title: string;
  type: DocumentType;
  owner: string;
  classification: Classification;
  nextReviewDate: string;
  parentId: string | null;
  status: DocumentStatus;
  /** The number of the approved version in force, if any. */
  approvedVersion: number | null;
  /**
   * The version the roadmap judges: the one in review or in force (what management approves),
   * else the draft; null for a retired document.
   */
  current: { number: number; status: VersionStatus; sections: Section[] } | null;
  /** The register's control data (9.2.2); absent in data recorded before the register. */
  register?: {
    ownerIsMember: boolean;
    hasApprover: boolean;
    reviewCycleMonths: number;
    links: DocumentLinks;
    responsibleRole: string | null;
    /** An approval given in the register whose content has changed since. */
    approvalStale: boolean;
  };
}

export interface DocumentsData {
  documents: DocumentFacts[];
  /** SoA-included controls, for the coverage of policies and procedures. */
  includedControls?: { ref: string; title: string }[];
  /** The day the data was read (YYYY-MM-DD): reviews due on or before it are overdue. */
  today?: string;
}

declare module "../process/data.js" {
  interface ProcessData {
    /** Absent when no document has been registered yet. */
    documents?: DocumentsData;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });

/** The organization's ISMS policy: it has at most one that is not retired. */
export const ismsPolicy = (data: ProcessData): DocumentFacts | undefined =>
  data.documents?.documents.find((d) => d.type === "isms_policy" && d.status !== "retired");

/** 6.6: the policy exists, every required section is written, and it has gone to management. G2 itself is the engine's. */
function ismsPolicyWritten(data: ProcessData): RuleResult {
  const policy = ismsPolicy(data);
  if (!policy)
    return {
      started: false,
      checks: [
        check("isms-policy-exists", "An ISMS policy is registered", [
          { message: "Create the ISMS policy, the organization's top-level security policy.", link: { register: POLICIES_REGISTER } },
        ]),
      ],
    };
  const link = { register: POLICIES_REGISTER, id: policy.id };
  const sections = policy.current?.sections ?? [];
  const submitted = policy.current?.status === "in_review" || policy.current?.status === "approved";
  return {
    started: true,
    checks: [
      check("isms-policy-exists", "An ISMS policy is registered", []),
      check(
        "isms-policy-sections",
        "Every required section of the ISMS policy is written",
        missingSections(policy.type, sections).map((s) => ({ message: `Write the "${s.title}" section of the ISMS policy.`, link })),
      ),
      check(
        "isms-policy-submitted",
        "The ISMS policy is submitted for approval",
        submitted ? [] : [{ message: "Submit the ISMS policy for review, so that management can approve it.", link }],
      ),
    ],
  };
}

export const REGISTER = "documents";

const entries = (data: DocumentsData) =>
  data.documents.map((d) => ({
    id: d.id,
    identifier: d.identifier,
    title: d.title,
    type: d.type,
    status: d.status,
    nextReviewDate: d.nextReviewDate,
    links: d.register?.links ?? { clauses: [], controls: [], risks: [], requirements: [] },
  }));

const live = (data: DocumentsData) => data.documents.filter((d) => d.status !== "retired");
const name = (d: DocumentFacts) => `${d.identifier} "${d.title}"`;

/** 9.2.2: every mandatory piece of documented information is in the register, every entry is controlled, no review is overdue. */
function documentationFrameworkDesigned(data: ProcessData): RuleResult {
  const docs = data.documents ?? { documents: [] };
  const link = { register: REGISTER };
  const missingClauses = mandatoryChecklist(entries(docs)).filter((m) => m.coveredBy.length === 0);
  const overdue = docs.today ? reviewsDue(entries(docs), docs.today) : [];
  return {
    started: docs.documents.length > 0,
    checks: [
      check(
        "mandatory-documented-information",
        "Every piece of mandatory documented information has a register entry",
        missingClauses.map((m) => ({ message: `No register entry covers clause ${m.clause}: ${m.title.toLowerCase()}.`, link })),
      ),
      check(
        "entries-controlled",
        "Every register entry has a member as owner and a named approver",
        live(docs).flatMap((d) => [
          ...(d.register?.ownerIsMember
            ? []
            : [{ message: `Name a member as the owner of ${name(d)}.`, link: { register: REGISTER, id: d.id } }]),
          ...(d.register?.hasApprover ? [] : [{ message: `Name the approver of ${name(d)}.`, link: { register: REGISTER, id: d.id } }]),
        ]),
      ),
      check(
        "reviews-current",
        "No document review is overdue",
        overdue.map((d) => ({
          message: `The review of ${d.identifier} "${d.title}" was due on ${d.nextReviewDate}.`,
          link: { register: REGISTER, id: d.id },
        })),
      ),
    ],
  };
}

/** Included controls that no approved policy or procedure addresses: the gaps of 9.2.3 and 9.2.4. */
function coverageCheck(docs: DocumentsData): Check {
  const gaps = controlCoverage(docs.includedControls ?? [], entries(docs)).filter((c) => c.addressedBy.length === 0);
  return check(
    "controls-addressed",
    "Every control included in the SoA is addressed by an approved policy or procedure",
    gaps.map((g) => ({ message: `No approved policy or procedure addresses ${g.control} "${g.title}".`, link: { register: REGISTER } })),
  );
}

function approvedCheck(id: string, label: string, docs: DocumentFacts[]): Check {
  return check(
    id,
    label,
    docs
      .filter((d) => d.status !== "approved" || d.register?.approvalStale)
      .map((d) => ({
        message: d.register?.approvalStale
          ? `The approval of ${name(d)} is stale: its content changed after it was approved.`
          : `Have ${name(d)} approved (it is ${d.status.replace("_", " ")}).`,
        link: { register: REGISTER, id: d.id },
      })),
  );
}

/** 9.2.3: topic-specific policies exist, are approved, and with the procedures address every included control. */
function policySetDesigned(data: ProcessData): RuleResult {
  const docs = data.documents ?? { documents: [] };
  const policies = live(docs).filter((d) => d.type === "topic_policy");
  return {
    started: policies.length > 0,
    checks: [
      check(
        "topic-policies-exist",
        "At least one topic-specific policy is registered",
        policies.length > 0
          ? []
          : [{ message: "Create the topic-specific policies, e.g. from the template library.", link: { register: REGISTER } }],
      ),
      approvedCheck("topic-policies-approved", "Every topic-specific policy is approved", policies),
      coverageCheck(docs),
    ],
  };
}

/** 9.2.4: procedures exist, each with steps and a responsible role, are approved, and the coverage holds. */
function proceduresDesigned(data: ProcessData): RuleResult {
  const docs = data.documents ?? { documents: [] };
  const procedures = live(docs).filter((d) => d.type === "procedure");
  return {
    started: procedures.length > 0,
    checks: [
      check(
        "procedures-exist",
        "At least one procedure is registered",
        procedures.length > 0 ? [] : [{ message: "Register the procedures that carry out the controls.", link: { register: REGISTER } }],
      ),
      check(
        "procedures-complete",
        "Every procedure names its steps, its responsible role and the controls it implements",
        procedures.flatMap((d) => {
          const link = { register: REGISTER, id: d.id };
          const steps = d.current?.sections.find((s) => s.key === "steps")?.markdown ?? "";
          return [
            ...(steps.trim() ? [] : [{ message: `Write the steps of ${name(d)}.`, link }]),
            ...(d.register?.responsibleRole ? [] : [{ message: `Name the role responsible for ${name(d)}.`, link }]),
            ...((d.register?.links.controls.length ?? 0) > 0 ? [] : [{ message: `Name the controls ${name(d)} implements.`, link }]),
          ];
        }),
      ),
      approvedCheck("procedures-approved", "Every procedure is approved", procedures),
      coverageCheck(docs),
    ],
  };
}

/** Completion rules of the document activities, by the names the catalog uses. */
export const DOCUMENT_RULES: Readonly<Record<string, Rule>> = {
  "isms-policy-written": ismsPolicyWritten,
  "documentation-framework-designed": documentationFrameworkDesigned,
  "policy-set-designed": policySetDesigned,
  "procedures-designed": proceduresDesigned,
};
