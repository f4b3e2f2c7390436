/** The gap module's public surface for other modules. */
export {
  assess,
  assessableItem,
  assessmentColumns,
  ENTITY as GAP_ENTITY,
  gapSummary,
  iso27001Reference,
  listGap,
  loadGapData,
} from "./gap.repo.js";
