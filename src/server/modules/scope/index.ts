/** The scope module's public surface for other modules. */

export { ELEMENT } from "./scope.repo.js";
export { currentStatement } from "./statement.repo.js";
