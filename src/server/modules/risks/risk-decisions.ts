import type { RiskDecision, RiskDetail } from "../../../contracts/risks.js";
import { uuidv7 } from "../../../core/ids.js";
import { type DecisionKind, decisionState, expiryProblem, mayDecideAt, mayRevoke, remainingLevel } from "../../../core/risk/decisions.js";
import { acceptanceRule, needsAcceptance } from "../../../core/risk/method.js";
import { insertAudited, reader, recordEvent, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { badRequest, conflict, forbidden, notFound } from "../../http/errors.js";
import { listControls } from "../controls/index.js";
import { loadMethods } from "../risk-method/index.js";
import { personLabel } from "./people.js";
import { findRisk, presentRisk, riskLinks, snapshotOf, today } from "./risks.repo.js";
import type { RiskDecisionsTable } from "./risks.tables.js";

const DECISION = "risk decision";

export function presentDecision(row: RiskDecisionsTable, current: { hash: string; snapshot: unknown }, now = today()): RiskDecision {
  const { state, changes } = decisionState(
    { hash: row.hash, snapshot: JSON.parse(row.snapshot), expiresOn: row.expires_on, revokedAt: row.revoked_at },
    current,
    now,
  );
  return {
    id: row.id,
    kind: row.kind as DecisionKind,
    authority: row.authority,
    decidedBy: row.decided_by_label,
    decidedById: row.decided_by,
    decidedAt: row.created_at,
    justification: row.justification,
    expiresOn: row.expires_on,
    state,
    changes,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by_label,
    revokeReason: row.revoke_reason,
  };
}

async function decisionsOf(db: Db | WriteContext, riskId: string) {
  return reader(db)
    .selectFrom("risk_decisions")
    .selectAll()
    .where("risk_id", "=", riskId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The latest decision of a kind decides, revoked or not: revoking it does not bring back an older one. */
const latestOf = (rows: RiskDecisionsTable[], kind: DecisionKind) => rows.find((r) => r.kind === kind) ?? null;

/** One risk with its controls, whether its residual level needs an acceptance and by whom, and its decisions. */
export async function riskDetail(db: Db | WriteContext, orgId: string, id: string): Promise<RiskDetail> {
  const [row, methods, links, decisions, controls] = await Promise.all([
    findRisk(db, orgId, id),
    loadMethods(db, orgId),
    riskLinks(db, [id]),
    decisionsOf(db, id),
    listControls(db, orgId),
  ]);
  const risk = presentRisk(row, links, methods);
  const current = snapshotOf(row, risk.controlIds);
  const method = row.method_id ? methods.byId.get(row.method_id)?.method : undefined;
  const level = remainingLevel(current.snapshot);
  const rule = method && level !== null ? acceptanceRule(method, level) : null;
  const byId = new Map(controls.map((c) => [c.id, c]));
  const latestTreatment = latestOf(decisions, "treatment");
  const latestAcceptance = latestOf(decisions, "acceptance");
  return {
    ...risk,
    quant: row.quant ? JSON.parse(row.quant) : null,
    controls: risk.controlIds.map((cid) => ({
      id: cid,
      ref: byId.get(cid)?.ref ?? cid,
      title: byId.get(cid)?.title ?? "(unknown control)",
    })),
    acceptance: {
      needed: method !== undefined && level !== null && needsAcceptance(method, level),
      authority: rule?.authority ?? null,
      maxMonths: rule?.maxMonths ?? null,
    },
    treatmentApproval: latestTreatment ? presentDecision(latestTreatment, current) : null,
    acceptanceDecision: latestAcceptance ? presentDecision(latestAcceptance, current) : null,
    history: decisions.map((d) => presentDecision(d, current)),
  };
}

const AUTHORITY_WORDS: Record<string, string> = {
  risk_owner: "the risk owner",
  isms_manager: "the ISMS manager",
  top_management: "top management (the approver role)",
};

/**
 * The risk owner approves the treatment plan; the residual risk is accepted by the authority
 * the method names for its level. Each decision freezes the risk as it is now.
 */
export async function decide(
  ctx: WriteContext,
  orgId: string,
  riskId: string,
  who: { userId: string; role: string },
  input: { kind: DecisionKind; justification: string; expiresOn: string | null },
): Promise<void> {
  const row = await findRisk(ctx, orgId, riskId);
  if (row.status !== "open") throw conflict(`risk ${row.ref} is closed; reopen it before deciding on it`);
  const methods = await loadMethods(ctx, orgId);
  if (!methods.inForce?.approved)
    throw conflict("the risk method has not been approved yet: risks are finalized only under an approved method");
  if (row.method_id !== methods.inForce.id)
    throw conflict(`risk ${row.ref} was scored with an earlier method version; re-score it before deciding on it`);
  const links = await riskLinks(ctx, [riskId]);
  const current = snapshotOf(row, links.controls.get(riskId) ?? []);
  const method = methods.inForce.method;
  let authority: string;
  let expiresOn: string | null = null;
  if (input.kind === "treatment") {
    if (row.treatment === null) throw conflict(`risk ${row.ref} has no treatment to approve yet`);
    if (!row.owner_user_id) throw conflict(`risk ${row.ref} has no owner to approve its treatment plan`);
    if (who.userId !== row.owner_user_id)
      throw forbidden(`only the owner of risk ${row.ref} (${row.owner_name ?? "unknown"}) approves its treatment plan`);
    if (input.expiresOn !== null)
      throw badRequest("a treatment approval does not expire", [{ field: "expiresOn", message: "applies to acceptances only" }]);
    authority = "risk_owner";
  } else {
    const level = remainingLevel(current.snapshot);
    if (level === null) throw conflict(`risk ${row.ref} has no score to accept yet`);
    const rule = acceptanceRule(method, level);
    if (!mayDecideAt(rule.authority, { role: who.role, isOwner: who.userId === row.owner_user_id }))
      throw forbidden(
        `a residual risk at level "${method.levels[level]?.name ?? level}" is accepted by ${AUTHORITY_WORDS[rule.authority] ?? rule.authority}, as the risk method says`,
      );
    const problem = expiryProblem(input.expiresOn, today(), rule.maxMonths);
    if (problem) throw badRequest(`the acceptance cannot be recorded: expiresOn ${problem}`, [{ field: "expiresOn", message: problem }]);
    authority = rule.authority;
    expiresOn = input.expiresOn;
  }
  const decision: RiskDecisionsTable = {
    id: uuidv7(),
    org_id: orgId,
    risk_id: riskId,
    kind: input.kind,
    authority,
    decided_by: who.userId,
    decided_by_label: await personLabel(ctx, who.userId),
    justification: input.justification,
    expires_on: expiresOn,
    snapshot: JSON.stringify(current.snapshot),
    hash: current.hash,
    revoked_at: null,
    revoked_by_label: null,
    revoke_reason: null,
    created_at: ctx.now,
  };
  await insertAudited(ctx, "risk_decisions", decision, {
    orgId,
    entityType: DECISION,
    action: input.kind === "treatment" ? "risk.treatment approved" : "risk.residual accepted",
  });
}

export async function revokeDecision(
  ctx: WriteContext,
  orgId: string,
  riskId: string,
  decisionId: string,
  who: { userId: string; role: string },
  reason: string,
): Promise<void> {
  const row = await ctx.trx
    .selectFrom("risk_decisions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("risk_id", "=", riskId)
    .where("id", "=", decisionId)
    .executeTakeFirst();
  if (!row) throw notFound(DECISION);
  if (row.revoked_at) throw conflict("the decision is already revoked");
  if (!mayRevoke(row.decided_by, who)) throw forbidden("only the person who decided, an ISMS manager or top management may revoke it");
  const label = await personLabel(ctx, who.userId);
  await ctx.trx
    .updateTable("risk_decisions")
    .set({ revoked_at: ctx.now, revoked_by_label: label, revoke_reason: reason })
    .where("id", "=", decisionId)
    .execute();
  await recordEvent(ctx, {
    orgId,
    action: "risk decision.revoked",
    entityType: DECISION,
    entityId: decisionId,
    changes: { revoked_at: { before: null, after: ctx.now }, revoke_reason: { before: null, after: reason } },
  });
}
