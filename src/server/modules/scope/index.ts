/** The scope module's public surface for other modules. */
export { createElement, createInterface, ELEMENT } from "./scope.repo.js";
export { loadScopeData } from "./scope-data.js";
export { currentStatement } from "./statement.repo.js";
