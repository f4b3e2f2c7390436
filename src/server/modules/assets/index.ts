/** The assets module's public surface for other modules. */
export { readScale, SUPPORT } from "./assets.repo.js";
