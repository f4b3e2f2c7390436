// The nonconformities module's public surface for other modules.
export { dueItems } from "./due.js";
export { closeNc, createAction, createNc, findNc, ncRaisedFrom, reviewEffectiveness, updateAction } from "./nonconformities.repo.js";
export { nonconformityRoutes } from "./nonconformities.routes.js";
