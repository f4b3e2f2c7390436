/** The public surface of the roles and RACI module, for other modules. */
export { listRoles, seedRoles } from "./raci.repo.js";
