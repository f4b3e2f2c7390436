/** The gap module's public surface for other modules. */
/** The gap assessment's public surface for other modules. */
export { gapSummary, iso27001Reference, listGap, loadGapData } from "./gap.repo.js";
