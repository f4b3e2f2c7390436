import type { ApprovalCoverage } from "../../../contracts/approvals.js";
import type { Db } from "../../db/database.js";
import { riskDetail } from "../risks/index.js";
import { latestApprovals } from "./approvals.repo.js";
import { buildArtifact } from "./artifacts.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The fields of the part of a snapshot that is the record asked about: a list item by id, or a top-level document by key. */
function coveredFields(snapshot: unknown, target: { recordId?: string | undefined; documentKey?: string | undefined }): string[] | null {
  if (target.documentKey !== undefined) {
    const part = isObject(snapshot) ? snapshot[target.documentKey] : undefined;
    return isObject(part) ? Object.keys(part) : null;
  }
  const walk = (value: unknown): string[] | null => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isObject(item) && item.id === target.recordId) return Object.keys(item).filter((k) => k !== "id");
        const found = walk(item);
        if (found) return found;
      }
      return null;
    }
    if (isObject(value)) {
      for (const item of Object.values(value)) {
        const found = walk(item);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(snapshot);
}

/** A register path as the key its document has in a gate's snapshot: business-case → businessCase. */
const documentKey = (path: string) => path.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The approvals that hold now (a gate approved and not stale, a risk decision valid) and cover a
 * record or a document, with the fields they cover: a form warns that saving a change to one of
 * them makes the approval stale. Only a gate whose approved snapshot holds the record has its
 * artifact rebuilt to check it is still valid, so asking is cheap.
 */
export async function approvalsCovering(
  db: Db,
  orgId: string,
  target: { recordId?: string | undefined; document?: string | undefined },
): Promise<ApprovalCoverage> {
  const key = { recordId: target.recordId, documentKey: target.document === undefined ? undefined : documentKey(target.document) };
  const approvals: ApprovalCoverage["approvals"] = [];
  for (const approval of (await latestApprovals(db, orgId)).values()) {
    if (approval.status !== "approved") continue;
    const fields = coveredFields(JSON.parse(approval.snapshot), key);
    if (!fields) continue;
    const artifact = await buildArtifact(db, orgId, approval.activity_id);
    if (artifact?.hash !== approval.artifact_hash) continue;
    approvals.push({ kind: "gate", gateId: approval.gate_id, label: `the approval of ${approval.gate_id}`, fields: fields.sort() });
  }
  if (target.recordId !== undefined) {
    const risk = await db.kysely
      .selectFrom("risks")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", target.recordId)
      .executeTakeFirst();
    if (risk) {
      const detail = await riskDetail(db, orgId, risk.id);
      for (const [decision, label] of [
        [detail.treatmentApproval, "the treatment plan approval"],
        [detail.acceptanceDecision, "the residual risk acceptance"],
      ] as const) {
        if (decision?.state !== "valid") continue;
        approvals.push({ kind: "risk-decision", gateId: null, label, fields: RISK_DECISION_FIELDS });
      }
    }
  }
  return { approvals };
}

/** What a risk decision freezes (`RiskSnapshot`), by the names the risk's input uses. */
const RISK_DECISION_FIELDS = ["controlIds", "current", "inherent", "methodId", "ownerUserId", "residual", "treatment", "treatmentPlan"];
