/** The roles module's public surface for other modules. */
export { listRoles } from "./raci.repo.js";
