// The organizations module's public surface for other modules.
export { addMembership } from "./orgs.repo.js";
