/** The gap module's public surface for other modules. */
/** The gap assessment's public surface for other modules. */
export { assess, gapSummary, iso27001Reference, listGap } from "./gap.repo.js";
