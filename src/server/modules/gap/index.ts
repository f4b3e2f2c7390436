/** The gap module's public surface for other modules. */
export {
  assess,
  gapSummary,
  iso27001Reference,
  listGap,
  loadGapData,
} from "./gap.repo.js";
