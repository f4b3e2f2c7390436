/** The SoA module's public surface for other modules. */
export { computeCurrentSoa } from "./soa.repo.js";
