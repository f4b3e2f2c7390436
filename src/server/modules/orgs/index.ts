/** The orgs module's public surface for other modules. */
export { addMembership, readOrgSettings } from "./orgs.repo.js";
