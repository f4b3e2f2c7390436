import type { Approval } from "../../../contracts/approvals.js";
import type { ApprovalStatus } from "../../../core/approvals/approvals.js";
import { snapshotChanges } from "../../../core/approvals/changes.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import type { ApprovalsTable } from "../../db/schema.js";
import { notFound } from "../../http/errors.js";
import { buildArtifact } from "./artifacts.js";

type ApprovalRow = ApprovalsTable & { requested_by_name: string | null; decided_by_name: string | null };

export function presentApproval(row: ApprovalRow, currentHash: string | null): Approval {
  return {
    id: row.id,
    gateId: row.gate_id,
    activityId: row.activity_id,
    status: row.status as ApprovalStatus,
    stale: row.status === "approved" && currentHash !== null && currentHash !== row.artifact_hash,
    artifactHash: row.artifact_hash,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    requestedAt: row.requested_at,
    requestComment: row.request_comment,
    decidedBy: row.decided_at ? { id: row.decided_by, name: row.decided_by_name } : null,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    separationOfDutiesOff: row.sod_off === 1,
    version: row.version,
  };
}

function approvalQuery(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  return k
    .selectFrom("approvals as a")
    .leftJoin("users as r", "r.id", "a.requested_by")
    .leftJoin("users as d", "d.id", "a.decided_by")
    .selectAll("a")
    .select(["r.display_name as requested_by_name", "d.display_name as decided_by_name"])
    .where("a.org_id", "=", orgId);
}

/** Approval requests newest first, each marked stale when its artifact has changed since. */
export async function listApprovals(
  db: Db,
  orgId: string,
  filter: { gateId?: string | undefined; status?: string | undefined },
  page: Omit<ListParams<string>, "sort">,
): Promise<Page<Approval>> {
  let query = approvalQuery(db, orgId);
  if (filter.gateId) query = query.where("a.gate_id", "=", filter.gateId);
  if (filter.status) query = query.where("a.status", "=", filter.status);
  const result = await paginate(query, { column: "a.requested_at", idColumn: "a.id" }, { ...page, sort: "requested_at" }, (r) => r, "desc");
  const hashes = new Map<string, string | null>();
  for (const row of result.items) {
    if (!hashes.has(row.activity_id)) hashes.set(row.activity_id, (await buildArtifact(db, orgId, row.activity_id))?.hash ?? null);
  }
  return { items: result.items.map((row) => presentApproval(row, hashes.get(row.activity_id) ?? null)), nextCursor: result.nextCursor };
}

export async function findApproval(db: Db | WriteContext, orgId: string, id: string): Promise<ApprovalRow> {
  const row = await approvalQuery(db, orgId).where("a.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("approval");
  return row;
}

/** The newest request of every gate: it alone decides the gate's state. */
export async function latestApprovals(db: Db | WriteContext, orgId: string): Promise<Map<string, ApprovalRow>> {
  const rows = await approvalQuery(db, orgId).orderBy("a.requested_at", "desc").orderBy("a.id", "desc").execute();
  const latest = new Map<string, ApprovalRow>();
  for (const row of rows) if (!latest.has(row.gate_id)) latest.set(row.gate_id, row);
  return latest;
}

export async function createApprovalRequest(
  ctx: WriteContext,
  orgId: string,
  input: { gateId: string; activityId: string; snapshot: unknown; hash: string; requestedBy: string; comment: string | null },
): Promise<ApprovalRow> {
  const row: ApprovalsTable = {
    id: uuidv7(),
    org_id: orgId,
    gate_id: input.gateId,
    activity_id: input.activityId,
    status: "pending",
    artifact_hash: input.hash,
    snapshot: JSON.stringify(input.snapshot),
    requested_by: input.requestedBy,
    requested_at: ctx.now,
    request_comment: input.comment,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    revoked_by: null,
    revoked_at: null,
    revoke_reason: null,
    sod_off: 0,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "approvals", row, { orgId, entityType: "approval", action: "approval.requested" });
  return findApproval(ctx, orgId, row.id);
}

export async function decideApproval(
  ctx: WriteContext,
  orgId: string,
  id: string,
  decision: { status: "approved" | "rejected"; by: string; comment: string | null; version: number; separationOfDutiesOff?: boolean },
): Promise<ApprovalRow> {
  await updateAudited(
    ctx,
    "approvals",
    id,
    {
      status: decision.status,
      decided_by: decision.by,
      decided_at: ctx.now,
      decision_comment: decision.comment,
      sod_off: decision.separationOfDutiesOff === true ? 1 : 0,
    },
    {
      orgId,
      entityType: "approval",
      action: `approval.${decision.status}`,
      expectedVersion: decision.version,
      scope: { org_id: orgId },
    },
  );
  return findApproval(ctx, orgId, id);
}

export async function revokeApproval(
  ctx: WriteContext,
  orgId: string,
  id: string,
  revoke: { by: string; reason: string; version: number },
): Promise<ApprovalRow> {
  await updateAudited(
    ctx,
    "approvals",
    id,
    { status: "revoked", revoked_by: revoke.by, revoked_at: ctx.now, revoke_reason: revoke.reason },
    {
      orgId,
      entityType: "approval",
      action: "approval.revoked",
      expectedVersion: revoke.version,
      scope: { org_id: orgId },
    },
  );
  return findApproval(ctx, orgId, id);
}

/** What changed in the artifact since the approval's snapshot. */
export const changesSince = (row: ApprovalsTable, current: unknown) => snapshotChanges(JSON.parse(row.snapshot), current);
