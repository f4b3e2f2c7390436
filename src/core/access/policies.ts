import { definePolicy, EVERY_ROLE, OVERSIGHT_ROLES } from "./policy.js";

/** One policy per area. Routes name an area and an action; nothing else decides access. */
export const orgPolicy = definePolicy("orgs", {
  read: EVERY_ROLE,
  update: ["admin"],
});

export const memberPolicy = definePolicy("members", {
  read: EVERY_ROLE,
  manage: ["admin"],
});

export const invitePolicy = definePolicy("invites", {
  read: ["admin"],
  manage: ["admin"],
});

/** API tokens act with the creator's own role, so every member may hold tokens for themselves. */
export const tokenPolicy = definePolicy("tokens", {
  read: EVERY_ROLE,
  manage: EVERY_ROLE,
});

export const auditPolicy = definePolicy("audit", {
  read: OVERSIGHT_ROLES,
  verify: OVERSIGHT_ROLES,
});

/** The implementation's registers (objectives, obligations, business case, plan, …). */
export const registerPolicy = definePolicy("registers", {
  read: EVERY_ROLE,
  write: ["admin", "isms_manager", "contributor"],
});

/** How the organization runs the process: catalog, settings, not-applicable decisions, roles and RACI. */
export const processPolicy = definePolicy("process", {
  read: EVERY_ROLE,
  manage: ["admin", "isms_manager"],
});

/** Management gates: the ISMS manager asks, top management decides. */
export const approvalPolicy = definePolicy("approvals", {
  read: EVERY_ROLE,
  request: ["admin", "isms_manager"],
  decide: ["approver"],
  revoke: ["approver", "admin"],
});

/**
 * Decisions on single risks: the risk owner approves the treatment plan and the authority the
 * risk method names accepts the residual risk, so any member may be asked to decide; the
 * route checks that this member is the one. Auditors stay independent of what they audit.
 */
export const riskDecisionPolicy = definePolicy("risk decisions", {
  decide: ["admin", "isms_manager", "contributor", "approver", "viewer"],
});

/** Internal audit: the ISMS manager plans the programme; auditors record findings and issue their reports. */
export const internalAuditPolicy = definePolicy("internal audit", {
  read: EVERY_ROLE,
  plan: ["admin", "isms_manager"],
  record: ["admin", "isms_manager", "auditor"],
});

/** Nonconformities and corrective actions: anyone who works on the ISMS records them; auditors review effectiveness. */
export const nonconformityPolicy = definePolicy("nonconformities", {
  read: EVERY_ROLE,
  write: ["admin", "isms_manager", "contributor", "auditor"],
  review: ["admin", "isms_manager", "auditor"],
});

/** Management review: the ISMS manager prepares it, top management approves the minutes. */
export const managementReviewPolicy = definePolicy("management review", {
  read: EVERY_ROLE,
  write: ["admin", "isms_manager"],
  approve: ["approver"],
});

/** Generated deliverables: anyone reads and downloads them; the ISMS manager issues versions and manages templates. */
export const deliverablePolicy = definePolicy("deliverables", {
  read: EVERY_ROLE,
  issue: ["admin", "isms_manager"],
  manage: ["admin", "isms_manager"],
});

export const POLICIES = [
  orgPolicy,
  memberPolicy,
  invitePolicy,
  tokenPolicy,
  auditPolicy,
  registerPolicy,
  processPolicy,
  approvalPolicy,
  riskDecisionPolicy,
  internalAuditPolicy,
  nonconformityPolicy,
  managementReviewPolicy,
  deliverablePolicy,
] as const;
