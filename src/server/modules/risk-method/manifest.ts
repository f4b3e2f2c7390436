import type { AreaManifest } from "../area.js";
import { riskMethodRoutes } from "./risk-method.routes.js";

/** The risk-method area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "risk-method",
  routes: [riskMethodRoutes],
};
