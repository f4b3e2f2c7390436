/** The risk module's public surface for other modules (its tables' types come with it). */

export { today } from "./risks.repo.js";
export type { RiskDecisionsTable, RisksTable } from "./risks.tables.js";
