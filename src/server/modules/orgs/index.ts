/** The orgs module's public surface for other modules. */
export { readOrgSettings } from "./orgs.repo.js";
