/** The public surface of the approvals module, for other modules. */
export { createApprovalRequest, decideApproval, latestApprovals } from "./approvals.repo.js";
/** The approvals module's public surface for other modules. */
export { buildArtifact, hasArtifact } from "./artifacts.js";
