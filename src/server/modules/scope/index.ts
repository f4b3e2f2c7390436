/** The scope module's public surface for other modules. */
export { elementKeys } from "./import-binding.js";
export { createElement, createInterface } from "./scope.repo.js";
export { loadScopeData } from "./scope-data.js";
export { currentStatement } from "./statement.repo.js";
