/** The risk module's public surface for other modules (its tables' types come with it). */

export { personLabel } from "./people.js";
/** The risk register's public surface for other modules. */
export { inThread } from "./quant-task.js";
export { decide } from "./risk-decisions.js";
export { aggregateQuant, dashboard, decisionStates, heatmap } from "./risk-views.js";
export { createRisk, listRisks, today } from "./risks.repo.js";
export type { RiskDecisionsTable, RisksTable } from "./risks.tables.js";
