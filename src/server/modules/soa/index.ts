/** The SoA module's public surface for other modules. */
export { computeCurrentSoa, entryContext, issueVersion, readSoa, treatmentPlan, writeEntry } from "./soa.repo.js";
