import { ASSET_RULES } from "../../../core/assets/rules.js";
import type { AreaManifest } from "../area.js";
import { loadAssetsData } from "./asset-data.js";
import { assetRoutes } from "./assets.routes.js";
import { assetsImport } from "./import-binding.js";

/** The assets area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "assets",
  routes: [assetRoutes],
  rules: ASSET_RULES,
  imports: [assetsImport],
  processFacts: { key: "assets", load: loadAssetsData },
};
