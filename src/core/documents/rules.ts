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
}

export interface DocumentsData {
  documents: DocumentFacts[];
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

/** Completion rules of the document activities, by the names the catalog uses. */
export const DOCUMENT_RULES: Readonly<Record<string, Rule>> = {
  "isms-policy-written": ismsPolicyWritten,
};
