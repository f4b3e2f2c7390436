/** The orgs module's public surface for other modules. */
export { addMembership, createOrg, isMember, membersAmong, orgName, readOrgSettings } from "./orgs.repo.js";
