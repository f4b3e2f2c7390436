/** The risk method module's public surface for other modules. */
export { methodInForce } from "./risk-method.repo.js";
