import type { AreaManifest } from "../area.js";
import { demoRoutes } from "./demo.routes.js";

/** The demo area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "demo",
  routes: [demoRoutes],
};
