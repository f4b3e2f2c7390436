/** The assets module's public surface for other modules (its tables' types come with it). */
export { assetRef, findAsset, REQUIREMENT_LINK, readScale } from "./assets.repo.js";
