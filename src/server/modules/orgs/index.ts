/** The orgs module's public surface for other modules. */
export { addMembership, createOrg, readOrgSettings } from "./orgs.repo.js";
