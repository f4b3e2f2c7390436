import type { DocumentItem, DocumentVersion, DocumentVersionSummary } from "../../../contracts/documents.js";
import {
  type Classification,
  type DocumentType,
  documentStatus,
  missingSections,
  type Section,
  type VersionState,
  type VersionStatus,
  versionInForce,
  versionStatus,
} from "../../../core/documents/documents.js";
import { type DocumentLinks, emptyLinks } from "../../../core/documents/register.js";
import type { DocumentsTable, DocumentVersionsTable } from "./documents.tables.js";

/** The document register's rows as the API shows them: sections and links stored as JSON, statuses derived from every version. */

export const parseSections = (json: string) => JSON.parse(json) as Section[];
export const parseLinks = (json: string): DocumentLinks => ({ ...emptyLinks(), ...(JSON.parse(json) as Partial<DocumentLinks>) });

/** A version row without its sections, with its author's and approver's names. */
export type VersionRow = Omit<DocumentVersionsTable, "sections" | "approval_hash" | "approval_snapshot"> & {
  author_name: string | null;
  approver_name: string | null;
};
export type FullVersionRow = VersionRow & { sections: string };

export const state = (r: { number: number; status: string }): VersionState => ({ number: r.number, status: r.status as VersionStatus });

export function presentSummary(r: VersionRow, inForce: number | null): DocumentVersionSummary {
  return {
    number: r.number,
    status: versionStatus(state(r), inForce),
    changeSummary: r.change_summary,
    author: { id: r.author_id, name: r.author_name },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    approvedBy: r.approved_at ? { id: r.approved_by, name: r.approver_name } : null,
    approvedAt: r.approved_at,
    version: r.version,
  };
}

/** A document and the state of each of its versions: what every version's status is derived from. */
export interface DocumentContext {
  document: DocumentsTable;
  states: VersionState[];
  inForce: number | null;
}

export function presentVersion(r: FullVersionRow, context: DocumentContext): DocumentVersion {
  const sections = parseSections(r.sections);
  return {
    ...presentSummary(r, context.inForce),
    documentId: r.document_id,
    sections,
    missingSections: missingSections(context.document.type as DocumentType, sections).map(({ key, title }) => ({ key, title })),
  };
}

/** Documents with their newest version and the version in force, from the rows and the versions of all of them. */
export function presentDocuments(rows: DocumentsTable[], versions: VersionRow[]): DocumentItem[] {
  return rows.map((r) => {
    const own = versions.filter((v) => v.document_id === r.id);
    const states = own.map(state);
    const retired = r.retired_at !== null;
    const inForce = versionInForce(states, retired)?.number ?? null;
    const latest = own.reduce((a, v) => (v.number > a.number ? v : a));
    const approved = own.find((v) => v.number === inForce);
    return {
      id: r.id,
      identifier: r.identifier,
      title: r.title,
      type: r.type as DocumentType,
      owner: r.owner,
      classification: r.classification as Classification,
      nextReviewDate: r.next_review_date,
      parentId: r.parent_id,
      ownerUserId: r.owner_user_id,
      approverUserId: r.approver_user_id,
      reviewCycleMonths: r.review_cycle_months,
      links: parseLinks(r.links),
      templateKey: r.template_key,
      responsibleRole: r.responsible_role,
      status: documentStatus(states, retired),
      latestVersion: presentSummary(latest, inForce),
      approvedVersion: approved ? presentSummary(approved, inForce) : null,
      retiredAt: r.retired_at,
      retireReason: r.retire_reason,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    };
  });
}
