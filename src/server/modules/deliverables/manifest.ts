import type { AreaManifest } from "../area.js";
import { deliverableRoutes } from "./deliverables.routes.js";

/** The deliverables area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "deliverables",
  routes: [deliverableRoutes],
};
