/** The scope module's public surface for other modules. */

export { loadScopeData } from "./scope-data.js";
export { currentStatement } from "./statement.repo.js";
