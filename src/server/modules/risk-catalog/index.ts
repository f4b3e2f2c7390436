/** The risk catalog module's public surface for other modules. */
export { loadStarter } from "./risk-catalog.repo.js";
