/** The public surface of the SoA module, for other modules. */
export { computeCurrentSoa } from "./soa.repo.js";
/** The Statement of Applicability module's public surface for other modules. */
export { readSoa, treatmentPlan } from "./soa.repo.js";
