/** The gap module's public surface for other modules. */
export { iso27001Reference } from "./gap.repo.js";
/** The gap assessment's public surface for other modules. */
export { gapSummary, listGap } from "./gap.repo.js";
