/** The gap module's public surface for other modules. */
/** The gap assessment's public surface for other modules. */
export { assessableItem, assessmentColumns, ENTITY as GAP_ENTITY, gapSummary, iso27001Reference, listGap } from "./gap.repo.js";
