/** The assets module's public surface for other modules. */
export { loadAssetsData } from "./asset-data.js";
export { outOfScopeElements } from "./asset-scope.js";
