/** The assets module's public surface for other modules (its tables' types come with it). */

export { loadAssetsData } from "./asset-data.js";
export { outOfScopeElements } from "./asset-scope.js";
export { addSupport, assetRef, createAsset, findAsset, REQUIREMENT_LINK, readScale } from "./assets.repo.js";
