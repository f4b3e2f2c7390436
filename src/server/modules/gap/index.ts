/** The gap assessment's public surface for other modules. */
export { gapSummary, listGap } from "./gap.repo.js";
