// The nonconformities module's public surface for other modules.
export { dueItems } from "./due.js";
export { nonconformityRoutes } from "./nonconformities.routes.js";
