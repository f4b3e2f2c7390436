/** The risk method module's public surface for other modules. */

export type { Methods } from "./risk-method.repo.js";
export { approveMethod, createDraft, loadMethods, methodForScoring, methodInForce, methodVersions } from "./risk-method.repo.js";
