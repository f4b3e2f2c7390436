/** The risk method module's public surface for other modules. */
export { loadMethods } from "./risk-method.repo.js";
