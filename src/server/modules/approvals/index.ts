/** The public surface of the approvals module, for other modules. */
export { latestApprovals } from "./approvals.repo.js";
