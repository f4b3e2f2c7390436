/** The public surface of the SoA module, for other modules. */
export { computeCurrentSoa } from "./soa.repo.js";
