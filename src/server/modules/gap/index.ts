/** The gap module's public surface for other modules. */
export { iso27001Reference } from "./gap.repo.js";
