/** The assets module's public surface for other modules (its tables' types come with it). */
export { addSupport, assetRef, createAsset, findAsset, REQUIREMENT_LINK, readScale, SUPPORT } from "./assets.repo.js";
