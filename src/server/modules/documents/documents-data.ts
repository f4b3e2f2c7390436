import {
  type Classification,
  type DocumentType,
  documentStatus,
  openVersion,
  type VersionStatus,
  versionForApproval,
  versionInForce,
} from "../../../core/documents/documents.js";
import type { DocumentsData } from "../../../core/documents/rules.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { parseLinks } from "./documents.present.js";
import { sectionsById, versionStates } from "./documents.repo.js";
import { includedControls } from "./register.js";

/** The organization's controlled documents as the completion rules read them. */
export async function loadDocumentsData(db: Db | WriteContext, orgId: string): Promise<DocumentsData> {
  const [rows, versions, members, included] = await Promise.all([
    reader(db).selectFrom("documents").selectAll().where("org_id", "=", orgId).orderBy("identifier").execute(),
    versionStates(db, orgId),
    reader(db).selectFrom("memberships").select("user_id").where("org_id", "=", orgId).execute(),
    includedControls(db, orgId),
  ]);
  const memberIds = new Set(members.map((m) => m.user_id));
  const judged = rows.map((d) => {
    const own = versions.filter((v) => v.document_id === d.id).map((v) => ({ ...v, status: v.status as VersionStatus }));
    const retired = d.retired_at !== null;
    return { d, own, retired, current: retired ? undefined : (versionForApproval(own, false) ?? openVersion(own)) };
  });
  const sections = await sectionsById(
    db,
    judged.flatMap(({ current }) => (current ? [current.id] : [])),
  );
  return {
    documents: judged.map(({ d, own, retired, current }) => ({
      id: d.id,
      identifier: d.identifier,
      title: d.title,
      type: d.type as DocumentType,
      owner: d.owner,
      classification: d.classification as Classification,
      nextReviewDate: d.next_review_date,
      parentId: d.parent_id,
      status: documentStatus(own, retired),
      approvedVersion: versionInForce(own, retired)?.number ?? null,
      current: current ? { number: current.number, status: current.status, sections: sections.get(current.id) ?? [] } : null,
      register: {
        ownerIsMember: d.owner_user_id !== null && memberIds.has(d.owner_user_id),
        hasApprover: d.approver_user_id !== null || d.type === "isms_policy",
        reviewCycleMonths: d.review_cycle_months,
        links: parseLinks(d.links),
        responsibleRole: d.responsible_role,
        approvalStale: false,
      },
    })),
    includedControls: included,
    today: new Date().toISOString().slice(0, 10),
  };
}
