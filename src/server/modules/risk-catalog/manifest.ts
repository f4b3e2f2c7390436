import type { AreaManifest } from "../area.js";
import { riskCatalogRoutes } from "./risk-catalog.routes.js";

/** The risk-catalog area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "risk-catalog",
  routes: [riskCatalogRoutes],
};
