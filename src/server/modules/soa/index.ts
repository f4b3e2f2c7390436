/** The Statement of Applicability module's public surface for other modules. */
export { readSoa, treatmentPlan } from "./soa.repo.js";
