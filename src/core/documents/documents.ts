import { isBlank } from "../process/data.js";

/**
 * Controlled documents: the ISMS policy (6.6) first, then topic-specific policies, standards and
 * procedures, all under the same document control: an identifier, an owner, a classification,
 * a review date, and numbered versions that are frozen once approved.
 */
export const DOCUMENT_TYPES = ["isms_policy", "topic_policy", "procedure", "standard", "plan", "record", "deliverable", "other"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  isms_policy: "ISMS policy",
  topic_policy: "Topic-specific policy",
  procedure: "Procedure",
  standard: "Standard",
  plan: "Plan",
  record: "Record",
  deliverable: "Generated deliverable",
  other: "Other document",
};

export const CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** What a version goes through. A version is never changed once approved; it is retired when superseded or when its document is. */
export const VERSION_STATUSES = ["draft", "in_review", "approved", "retired"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type DocumentStatus = VersionStatus;

/**
 * A version as stored. "retired" is stored only for a draft abandoned with its document: an
 * approved row never changes, so an approved version's retirement is derived.
 */
export interface VersionState {
  number: number;
  status: VersionStatus;
}

/** The approved version in force: the newest approved one, unless the document is retired. */
export function versionInForce<V extends VersionState>(versions: readonly V[], retired: boolean): V | undefined {
  if (retired) return undefined;
  return versions.filter((v) => v.status === "approved").reduce<V | undefined>((a, v) => (a && a.number > v.number ? a : v), undefined);
}

/** What management is asked to approve, or last approved: the version in review, else the version in force. */
export function versionForApproval<V extends VersionState>(versions: readonly V[], retired: boolean): V | undefined {
  if (retired) return undefined;
  return versions.find((v) => v.status === "in_review") ?? versionInForce(versions, retired);
}

/** The version being written, if any: at most one is open for editing or review at a time. */
export const openVersion = <V extends VersionState>(versions: readonly V[]): V | undefined =>
  versions.find((v) => v.status === "draft" || v.status === "in_review");

/** An approved version is retired once a later version is approved or its document is retired. */
export function versionStatus(version: VersionState, inForce: number | null): VersionStatus {
  return version.status === "approved" && version.number !== inForce ? "retired" : version.status;
}

/**
 * A document's status as a register shows it: retired; approved while a version is in force,
 * even when a revision is under way; otherwise that of the version being written.
 */
export function documentStatus(versions: readonly VersionState[], retired: boolean): DocumentStatus {
  if (retired) return "retired";
  if (versionInForce(versions, false)) return "approved";
  return openVersion(versions)?.status ?? "draft";
}

export interface Section {
  key: string;
  title: string;
  markdown: string;
}

export interface SectionTemplate {
  key: string;
  title: string;
  /** What the section is for, in a sentence: the editor shows it as a hint. */
  guidance: string;
  /** Whether a version may be submitted for approval with this section blank. */
  required: boolean;
}

/**
 * The structure every policy follows (Annex D of ISO/IEC 27003, in our own words). The single
 * source for the editor's sections, the check before submission and the completion rule.
 */
export const POLICY_TEMPLATE: readonly SectionTemplate[] = [
  { key: "summary", title: "Summary", guidance: "What the policy is about, in a few sentences a busy reader can take in.", required: true },
  {
    key: "introduction",
    title: "Introduction",
    guidance: "Why the policy exists: the context, and what prompted it.",
    required: true,
  },
  {
    key: "scope",
    title: "Scope",
    guidance: "Whom and what the policy covers: people, units, information, systems and places.",
    required: true,
  },
  {
    key: "objectives",
    title: "Objectives",
    guidance: "What the policy sets out to achieve, or how the organization sets its security objectives.",
    required: true,
  },
  { key: "principles", title: "Principles", guidance: "The ideas the requirements follow from.", required: true },
  {
    key: "roles_responsibilities",
    title: "Roles and responsibilities",
    guidance: "Who owns the policy, who carries it out, and who answers for what.",
    required: true,
  },
  {
    key: "policy_statements",
    title: "Policy statements",
    guidance: "The requirements themselves: what must, should and must not be done.",
    required: true,
  },
  {
    key: "compliance_measurement",
    title: "Key outcomes and compliance",
    guidance: "How the organization tells the policy works and is followed, and what happens when it is not.",
    required: true,
  },
  {
    key: "related_documents",
    title: "Related policies and documents",
    guidance: "Other policies, standards and procedures this one relies on or leads to.",
    required: false,
  },
  { key: "definitions", title: "Definitions", guidance: "Terms a reader might not know, explained.", required: false },
];

/**
 * What a procedure holds (9.2.4): its purpose, the steps in order and the records it leaves. Who
 * carries it out is the document's responsible role, the controls it implements its links. The
 * steps are what the completion rule of 9.2.4 asks for; submission does not wait for them.
 */
export const PROCEDURE_TEMPLATE: readonly SectionTemplate[] = [
  { key: "purpose", title: "Purpose", guidance: "What the procedure achieves and when it is used.", required: false },
  { key: "steps", title: "Steps", guidance: "The steps in order, one per line, each with who does it.", required: false },
  { key: "records", title: "Records", guidance: "What the procedure leaves behind as evidence that it ran.", required: false },
];

/**
 * The sections a document of each type starts with. Standards, plans, records and other
 * documents have no fixed structure: their authors name the sections.
 */
const TEMPLATES: Readonly<Record<DocumentType, readonly SectionTemplate[]>> = {
  isms_policy: POLICY_TEMPLATE,
  topic_policy: POLICY_TEMPLATE,
  procedure: PROCEDURE_TEMPLATE,
  standard: [],
  plan: [],
  record: [],
  deliverable: [],
  other: [],
};

export const sectionTemplate = (type: DocumentType): readonly SectionTemplate[] => TEMPLATES[type];

/** The sections of a new document: its template's, blank. */
export const blankSections = (type: DocumentType): Section[] => TEMPLATES[type].map(({ key, title }) => ({ key, title, markdown: "" }));

/** The required sections of the type's template that are absent or hold only whitespace, in template order. */
export function missingSections(type: DocumentType, sections: readonly Section[]): SectionTemplate[] {
  const written = new Set(sections.filter((s) => !isBlank(s.markdown)).map((s) => s.key));
  return TEMPLATES[type].filter((t) => t.required && !written.has(t.key));
}
