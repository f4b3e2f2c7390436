import type { AreaManifest } from "../area.js";
import { processRoutes } from "./process.routes.js";

/** The process area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "process",
  routes: [processRoutes],
};
