import type { AreaManifest } from "../area.js";
import { workRoutes } from "./work.routes.js";

/** The work area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "work",
  routes: [workRoutes],
};
