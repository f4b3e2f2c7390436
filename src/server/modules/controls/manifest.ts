import type { AreaManifest } from "../area.js";
import { controlRoutes } from "./controls.routes.js";

/** The controls area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "controls",
  routes: [controlRoutes],
};
