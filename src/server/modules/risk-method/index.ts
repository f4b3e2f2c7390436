/** The risk method module's public surface for other modules. */
export { approveMethod, createDraft, loadMethods, methodInForce } from "./risk-method.repo.js";
