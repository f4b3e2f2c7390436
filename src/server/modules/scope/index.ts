/** The scope module's public surface for other modules. */

export { createElement, createInterface } from "./scope.repo.js";
export { currentStatement } from "./statement.repo.js";
