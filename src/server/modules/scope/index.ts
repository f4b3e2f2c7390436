/** The scope module's public surface for other modules. */
export { currentStatement } from "./statement.repo.js";
