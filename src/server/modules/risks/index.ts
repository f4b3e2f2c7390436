/** The risk module's public surface for other modules (its tables' types come with it). */

export { authorizationArtifact } from "./authorization.js";
export { personLabel } from "./people.js";
export { inThread } from "./quant-task.js";
export { loadRiskData } from "./risk-data.js";
export { decide, riskDetail } from "./risk-decisions.js";
export { aggregateQuant, dashboard, decisionStates, heatmap } from "./risk-views.js";
export { createRisk, listRisks, today } from "./risks.repo.js";
export type { CatalogEntriesTable, CustomControlsTable, RiskDecisionsTable, RisksTable, SoaEntriesTable } from "./risks.tables.js";
