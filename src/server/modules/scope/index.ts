/** The scope module's public surface for other modules. */
export { createElement, createInterface, ELEMENT } from "./scope.repo.js";
export { currentStatement } from "./statement.repo.js";
