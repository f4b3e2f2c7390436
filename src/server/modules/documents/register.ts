import { decisionBlocker } from "../../../core/approvals/approvals.js";
import { describeChange, snapshotChanges } from "../../../core/approvals/changes.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { type DocumentType, type Section, type VersionStatus, versionInForce } from "../../../core/documents/documents.js";
import {
  addMonths,
  approvalSnapshot,
  controlCoverage,
  mandatoryChecklist,
  type RegisterEntry,
  reviewsDue,
} from "../../../core/documents/register.js";
import { fillPolicyTemplate, policyTemplate } from "../../../core/documents/templates.js";
import { reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { badRequest, conflict, forbidden } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { readSettings } from "../process/index.js";
import { listRoles } from "../raci/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { parseLinks } from "./documents.present.js";
import { approveVersion, createDocument, findDocument, findDocumentRow, findVersionRow } from "./documents.repo.js";
import { DOCUMENT } from "./documents.tables.js";

const today = () => new Date().toISOString().slice(0, 10);

/** The content an approval in the register binds, and its hash: the document's control data and the version's sections. */
async function boundContent(db: Db | WriteContext, orgId: string, documentId: string, number: number) {
  const document = await findDocumentRow(db, orgId, documentId);
  const version = await findVersionRow(db, orgId, documentId, number);
  const snapshot = approvalSnapshot({
    identifier: document.identifier,
    title: document.title,
    type: document.type as DocumentType,
    classification: document.classification,
    links: parseLinks(document.links),
    version: number,
    sections: JSON.parse(version.sections) as Section[],
  });
  return { document, version, snapshot, hash: sha256(canonicalJson(snapshot)) };
}

/**
 * Approves a version in review from the register (every type but the ISMS policy, which its gate
 * approves). The approver named on the document, if any, alone may; the author may not while
 * separation of duties is on. The approval binds the exact content and moves the review date.
 */
export async function approveInRegister(
  ctx: WriteContext,
  orgId: string,
  documentId: string,
  number: number,
  input: { version: number; deciderId: string },
) {
  const { document, version, snapshot, hash } = await boundContent(ctx, orgId, documentId, number);
  if (document.type === "isms_policy")
    throw conflict("the ISMS policy is approved by top management at its gate (G2): request the gate's approval instead");
  if (document.approver_user_id && document.approver_user_id !== input.deciderId)
    throw forbidden(`only the document's named approver may approve ${document.identifier}`);
  const settings = await readSettings(ctx, orgId);
  const blocker = decisionBlocker({
    approval: {
      status: version.status === "in_review" ? "pending" : (version.status as "approved"),
      requestedBy: version.author_id,
      artifactHash: hash,
    },
    deciderId: input.deciderId,
    separationOfDuties: (settings?.separation_of_duties ?? 1) === 1,
    currentHash: hash,
  });
  if (blocker && version.status === "in_review")
    throw conflict(blocker.replace("the person who requested an approval", "the author of a version"));
  const approved = await approveVersion(ctx, orgId, documentId, number, {
    hash,
    snapshot: JSON.stringify(snapshot),
    expectedVersion: input.version,
  });
  await updateAudited(
    ctx,
    "documents",
    documentId,
    { next_review_date: addMonths(today(), document.review_cycle_months) },
    { orgId, entityType: DOCUMENT, scope: { org_id: orgId } },
  );
  return approved;
}

/** Whether the approval of the version in force still holds: its bound content unchanged. */
export async function approvalState(db: Db | WriteContext, orgId: string, documentId: string) {
  const document = await findDocumentRow(db, orgId, documentId);
  const versions = await reader(db)
    .selectFrom("document_versions")
    .select(["number", "status", "approval_hash", "approval_snapshot"])
    .where("document_id", "=", documentId)
    .execute();
  const inForce = versionInForce(
    versions.map((v) => ({ ...v, status: v.status as VersionStatus })),
    document.retired_at !== null,
  );
  if (!inForce?.approval_hash || !inForce.approval_snapshot)
    return { state: "none" as const, approvedVersion: inForce?.number ?? null, changes: [] };
  const current = await boundContent(db, orgId, documentId, inForce.number);
  if (current.hash === inForce.approval_hash) return { state: "valid" as const, approvedVersion: inForce.number, changes: [] };
  const changes = snapshotChanges(JSON.parse(inForce.approval_snapshot), current.snapshot).map((c) => ({
    path: c.path,
    description: describeChange(c),
  }));
  return { state: "stale" as const, approvedVersion: inForce.number, changes };
}

/** A topic-specific policy made from a template of the library, filled with the organization's data. */
export async function createFromTemplate(
  ctx: WriteContext,
  orgId: string,
  input: {
    templateKey: string;
    identifier?: string | undefined;
    ownerUserId: string | null;
    approverUserId: string | null;
    nextReviewDate?: string | undefined;
    parentId: string | null;
  },
) {
  const template = policyTemplate(input.templateKey);
  if (!template)
    throw badRequest(`there is no policy template "${input.templateKey}"`, [
      { field: "templateKey", message: "is not a template of the library" },
    ]);
  const k = reader(ctx);
  const [org, scope, roles, owner, parent] = await Promise.all([
    k.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirstOrThrow(),
    k.selectFrom("preliminary_scopes").select("statement").where("id", "=", orgId).executeTakeFirst(),
    listRoles(ctx, orgId),
    input.ownerUserId ? k.selectFrom("users").select("display_name").where("id", "=", input.ownerUserId).executeTakeFirst() : undefined,
    input.parentId
      ? undefined
      : k
          .selectFrom("documents")
          .select("id")
          .where("org_id", "=", orgId)
          .where("type", "=", "isms_policy")
          .where("retired_at", "is", null)
          .executeTakeFirst(),
  ]);
  const sections = fillPolicyTemplate(template, {
    name: org.name,
    scopeStatement: scope?.statement ?? null,
    roles: roles.map((r) => ({ title: r.title, people: r.people.map((p) => p.personName).filter((n) => n !== "") })),
    ownerName: owner?.display_name ?? null,
  });
  return createDocument(
    ctx,
    orgId,
    {
      identifier: input.identifier ?? template.identifier,
      title: template.title,
      type: "topic_policy",
      owner: owner?.display_name ?? "ISMS manager",
      classification: "internal",
      nextReviewDate: input.nextReviewDate ?? addMonths(today(), 12),
      parentId: input.parentId ?? parent?.id ?? null,
      ownerUserId: input.ownerUserId,
      approverUserId: input.approverUserId,
      reviewCycleMonths: 12,
      links: { clauses: ["7.5.1"], controls: [...template.controls], risks: [], requirements: [] },
      responsibleRole: null,
    },
    { templateKey: template.key, sections },
  );
}

/** The register's entries as its checks read them. */
export async function registerEntries(db: Db | WriteContext, orgId: string): Promise<RegisterEntry[]> {
  const rows = await reader(db)
    .selectFrom("documents")
    .select(["id", "identifier", "title", "type", "next_review_date", "links", "retired_at"])
    .where("org_id", "=", orgId)
    .orderBy("identifier")
    .execute();
  const versions = await reader(db)
    .selectFrom("document_versions")
    .select(["document_id", "number", "status"])
    .where("org_id", "=", orgId)
    .execute();
  return rows.map((r) => {
    const own = versions.filter((v) => v.document_id === r.id).map((v) => ({ number: v.number, status: v.status as VersionStatus }));
    const retired = r.retired_at !== null;
    const status = retired
      ? "retired"
      : versionInForce(own, false)
        ? "approved"
        : (own.find((v) => v.status === "in_review")?.status ?? "draft");
    return {
      id: r.id,
      identifier: r.identifier,
      title: r.title,
      type: r.type as DocumentType,
      status,
      nextReviewDate: r.next_review_date,
      links: parseLinks(r.links),
    };
  });
}

/** The SoA's included controls, for coverage. */
export async function includedControls(db: Db | WriteContext, orgId: string) {
  const soa = await computeCurrentSoa(db, orgId);
  return soa.rows.filter((r) => r.decision === "include").map((r) => ({ ref: r.control.id, title: r.control.title }));
}

/** The mandatory documented information checklist, the control coverage and the overdue reviews. */
export async function registerReview(db: Db, orgId: string, until = today()) {
  const [entries, included] = await Promise.all([registerEntries(db, orgId), includedControls(db, orgId)]);
  return {
    mandatory: mandatoryChecklist(entries),
    coverage: controlCoverage(included, entries),
    overdue: reviewsDue(entries, until).map(({ id, identifier, title, nextReviewDate }) => ({ id, identifier, title, nextReviewDate })),
  };
}

export { findDocument };
