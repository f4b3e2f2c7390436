/** The risk method module's public surface for other modules. */
export { loadMethods, methodInForce } from "./risk-method.repo.js";
