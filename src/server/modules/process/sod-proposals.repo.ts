import type { SodProposal } from "../../../contracts/approvals.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { conflict, forbidden, notFound } from "../../http/errors.js";
import { readSettings, writeSettings } from "./settings.repo.js";

export interface SodProposalsTable {
  id: string;
  org_id: string;
  separation_of_duties: number;
  reason: string;
  status: string;
  proposed_by: string | null;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module "../../db/schema.js" {
  interface Database {
    sod_proposals: SodProposalsTable;
  }
  interface AuditedTables {
    sod_proposals: true;
  }
}

type ProposalRow = SodProposalsTable & { proposed_by_name: string | null; decided_by_name: string | null };

export function presentProposal(row: ProposalRow): SodProposal {
  return {
    id: row.id,
    separationOfDuties: row.separation_of_duties === 1,
    reason: row.reason,
    status: row.status as SodProposal["status"],
    proposedBy: { id: row.proposed_by, name: row.proposed_by_name },
    proposedAt: row.proposed_at,
    decidedBy: row.decided_at ? { id: row.decided_by, name: row.decided_by_name } : null,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    version: row.version,
  };
}

function proposalQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("sod_proposals as p")
    .leftJoin("users as r", "r.id", "p.proposed_by")
    .leftJoin("users as d", "d.id", "p.decided_by")
    .selectAll("p")
    .select(["r.display_name as proposed_by_name", "d.display_name as decided_by_name"])
    .where("p.org_id", "=", orgId);
}

export async function pendingProposal(db: Db | WriteContext, orgId: string): Promise<ProposalRow | null> {
  return (await proposalQuery(db, orgId).where("p.status", "=", "pending").executeTakeFirst()) ?? null;
}

/** Separation of duties keeps its current value until an approver other than the proposer decides. */
export async function proposeSodChange(
  ctx: WriteContext,
  orgId: string,
  input: { separationOfDuties: boolean; reason: string; by: string },
): Promise<ProposalRow> {
  const existing = await pendingProposal(ctx, orgId);
  if (existing) throw conflict("a change of separation of duties is already waiting for a decision", presentProposal(existing));
  const current = (await readSettings(ctx, orgId))?.separation_of_duties ?? 1;
  if (current === (input.separationOfDuties ? 1 : 0)) {
    throw conflict(`separation of duties is ${input.separationOfDuties ? "on" : "off"} already`);
  }
  const row: SodProposalsTable = {
    id: uuidv7(),
    org_id: orgId,
    separation_of_duties: input.separationOfDuties ? 1 : 0,
    reason: input.reason,
    status: "pending",
    proposed_by: input.by,
    proposed_at: ctx.now,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "sod_proposals", row, {
    orgId,
    entityType: "separation of duties proposal",
    action: "separation-of-duties.proposed",
  });
  return (await proposalQuery(ctx, orgId).where("p.id", "=", row.id).executeTakeFirst()) as ProposalRow;
}

/** An approver decides; approving changes the setting in the same transaction. The proposer may not decide. */
export async function decideSodChange(
  ctx: WriteContext,
  orgId: string,
  id: string,
  decision: { status: "approved" | "rejected"; by: string; comment: string | null; version: number },
): Promise<ProposalRow> {
  const row = await proposalQuery(ctx, orgId).where("p.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("separation of duties proposal");
  if (row.status !== "pending") throw conflict(`the proposal is ${row.status}, not pending`);
  if (row.proposed_by === decision.by) {
    throw forbidden("separation of duties: the person who proposed a change of separation of duties may not decide it");
  }
  await updateAudited(
    ctx,
    "sod_proposals",
    id,
    { status: decision.status, decided_by: decision.by, decided_at: ctx.now, decision_comment: decision.comment },
    {
      orgId,
      entityType: "separation of duties proposal",
      action: `separation-of-duties.${decision.status}`,
      expectedVersion: decision.version,
      scope: { org_id: orgId },
    },
  );
  if (decision.status === "approved") await writeSettings(ctx, orgId, { separation_of_duties: row.separation_of_duties });
  return (await proposalQuery(ctx, orgId).where("p.id", "=", id).executeTakeFirst()) as ProposalRow;
}
