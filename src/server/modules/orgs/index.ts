/** The orgs module's public surface for other modules. */
export { addMembership, createOrg, isMember, orgName, readOrgSettings } from "./orgs.repo.js";
