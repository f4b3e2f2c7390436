/** The risk register's public surface for other modules. */
export { inThread } from "./quant-task.js";
export { aggregateQuant, dashboard, heatmap } from "./risk-views.js";
export { listRisks } from "./risks.repo.js";
