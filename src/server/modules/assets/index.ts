/** The assets module's public surface for other modules. */
export { addSupport, createAsset } from "./assets.repo.js";
