import type { AreaManifest } from "../area.js";
import { loadAssetsData } from "./asset-data.js";
import { assetRoutes } from "./assets.routes.js";

/** The assets area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "assets",
  routes: [assetRoutes],
  processFacts: { key: "assets", load: loadAssetsData },
};
