/** The SoA module's public surface for other modules. */
export { computeCurrentSoa, readSoa, treatmentPlan } from "./soa.repo.js";
