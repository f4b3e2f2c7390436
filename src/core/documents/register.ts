import type { DocumentStatus, DocumentType, Section } from "./documents.js";

/**
 * The document register (9.2.2): every piece of documented information, what it covers, and the
 * checks the register answers: which mandatory documented information is missing, which
 * controls no approved policy or procedure addresses, which reviews are overdue.
 */

export interface DocumentLinks {
  /** ISO/IEC 27001:2022 clause ids, e.g. "6.1.2". */
  clauses: string[];
  /** Annex A control ids as the SoA names them, e.g. "A.5.15". */
  controls: string[];
  /** Risk references, e.g. "R-0001". */
  risks: string[];
  /** Requirement ids. */
  requirements: string[];
}

export const emptyLinks = (): DocumentLinks => ({ clauses: [], controls: [], risks: [], requirements: [] });

/** Documented information ISO/IEC 27001:2022 asks an ISMS to keep, by clause id, in our own words. */
export const MANDATORY_DOCUMENTED_INFORMATION: readonly { clause: string; title: string }[] = [
  { clause: "4.3", title: "The ISMS scope" },
  { clause: "5.2", title: "The information security policy" },
  { clause: "6.1.2", title: "How risks are assessed (the risk method)" },
  { clause: "6.1.3", title: "How risks are treated, and the Statement of Applicability" },
  { clause: "6.2", title: "The information security objectives" },
  { clause: "7.2", title: "Evidence that people in ISMS roles are competent" },
  { clause: "7.5.1", title: "Whatever else the organization decides it needs for an effective ISMS" },
  { clause: "8.1", title: "Enough records to trust that the planned processes ran as planned" },
  { clause: "8.2", title: "Results of risk assessments" },
  { clause: "8.3", title: "Results of risk treatment" },
  { clause: "9.1", title: "Results of monitoring and measurement" },
  { clause: "9.2.2", title: "The audit programme and the audit results" },
  { clause: "9.3.3", title: "Results of management reviews" },
  { clause: "10.2", title: "Nonconformities, what was done about them, and the results of corrective actions" },
];

/** A register entry as the checks read it. */
export interface RegisterEntry {
  id: string;
  identifier: string;
  title: string;
  type: DocumentType;
  status: DocumentStatus;
  nextReviewDate: string;
  links: DocumentLinks;
}

export interface MandatoryItem {
  clause: string;
  title: string;
  /** Entries that are not retired and name the clause. */
  coveredBy: { id: string; identifier: string; title: string; status: DocumentStatus }[];
}

/** Each mandatory clause with the live register entries covering it; an empty `coveredBy` is missing. */
export function mandatoryChecklist(entries: readonly RegisterEntry[]): MandatoryItem[] {
  return MANDATORY_DOCUMENTED_INFORMATION.map(({ clause, title }) => ({
    clause,
    title,
    coveredBy: entries
      .filter((e) => e.status !== "retired" && e.links.clauses.includes(clause))
      .map(({ id, identifier, title: t, status }) => ({ id, identifier, title: t, status })),
  }));
}

const ADDRESSING: ReadonlySet<DocumentType> = new Set(["isms_policy", "topic_policy", "procedure"]);

export interface ControlCoverage {
  control: string;
  title: string;
  /** Approved policies and procedures naming the control. */
  addressedBy: { id: string; identifier: string; type: DocumentType }[];
}

/** Every included control with the approved policies and procedures that address it; an empty list is a gap. */
export function controlCoverage(included: readonly { ref: string; title: string }[], entries: readonly RegisterEntry[]): ControlCoverage[] {
  const approved = entries.filter((e) => ADDRESSING.has(e.type) && e.status === "approved");
  return included.map(({ ref, title }) => ({
    control: ref,
    title,
    addressedBy: approved.filter((e) => e.links.controls.includes(ref)).map(({ id, identifier, type }) => ({ id, identifier, type })),
  }));
}

/** Entries not retired whose next review date is on or before `until` (YYYY-MM-DD). */
export const reviewsDue = <E extends RegisterEntry>(entries: readonly E[], until: string): E[] =>
  entries.filter((e) => e.status !== "retired" && e.nextReviewDate <= until);

/** `date` (YYYY-MM-DD) plus whole months, the day clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * What an approval in the register binds: the document's identity and control data and the
 * version's exact sections. Lists carry stable ids (section keys) so changes name what moved.
 */
export function approvalSnapshot(document: {
  identifier: string;
  title: string;
  type: DocumentType;
  classification: string;
  links: DocumentLinks;
  version: number;
  sections: readonly Section[];
}) {
  return {
    document: {
      identifier: document.identifier,
      title: document.title,
      type: document.type,
      classification: document.classification,
      clauses: [...document.links.clauses].sort().join(", "),
      controls: [...document.links.controls].sort().join(", "),
      version: document.version,
    },
    sections: document.sections.map((s) => ({ id: s.key, title: s.title, markdown: s.markdown })),
  };
}
