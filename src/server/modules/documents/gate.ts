import { canonicalJson } from "../../../core/audit/chain.js";
import { type VersionStatus, versionForApproval } from "../../../core/documents/documents.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { sha256 } from "../../security/hashing.js";
import { approveVersion, sectionsById } from "./documents.repo.js";

/** The activity whose gate (G2 in the shipped catalog) approves the ISMS policy. */
export const ISMS_POLICY_ACTIVITY = "6.6";

/** The organization's ISMS policy and the version management is asked to approve, or approved last. */
async function policyForApproval(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  const document = await k
    .selectFrom("documents")
    .select(["id", "identifier", "title"])
    .where("org_id", "=", orgId)
    .where("type", "=", "isms_policy")
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (!document) return null;
  const states = await k
    .selectFrom("document_versions")
    .select(["id", "number", "status"])
    .where("document_id", "=", document.id)
    .where("status", "in", ["in_review", "approved"])
    .execute();
  const version = versionForApproval(
    states.map((s) => ({ ...s, status: s.status as VersionStatus })),
    false,
  );
  return version ? { document, version } : null;
}

/**
 * What gate G2 approves: the ISMS policy's identifier, title and the sections of its version in
 * review, else of its approved version. A draft is not in it, so revising the policy leaves the
 * approval standing until the revision goes to review. Sections are addressed by key in diffs.
 */
export async function ismsPolicyArtifact(db: Db | WriteContext, orgId: string) {
  const found = await policyForApproval(db, orgId);
  if (!found) return { policy: null };
  const sections = (await sectionsById(db, [found.version.id])).get(found.version.id) ?? [];
  return {
    policy: {
      identifier: found.document.identifier,
      title: found.document.title,
      version: found.version.number,
      sections: sections.map((s) => ({ id: s.key, title: s.title, markdown: s.markdown })),
    },
  };
}

/**
 * Marks the ISMS policy's version in review approved once its gate is approved. Call it in the
 * transaction that records the decision. It approves only what management saw: when the
 * artifact no longer hashes to the approved one, or nothing is in review, it does nothing, so
 * calling it again is harmless.
 */
export async function onGateApproved(ctx: WriteContext, orgId: string, gateId: string): Promise<void> {
  const approval = await ctx.trx
    .selectFrom("approvals")
    .select(["activity_id", "status", "artifact_hash"])
    .where("org_id", "=", orgId)
    .where("gate_id", "=", gateId)
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (approval?.status !== "approved" || approval.activity_id !== ISMS_POLICY_ACTIVITY) return;
  const found = await policyForApproval(ctx, orgId);
  if (found?.version.status !== "in_review") return;
  if (sha256(canonicalJson(await ismsPolicyArtifact(ctx, orgId))) !== approval.artifact_hash) return;
  await approveVersion(ctx, orgId, found.document.id, found.version.number);
}
