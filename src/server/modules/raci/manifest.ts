import type { AreaManifest } from "../area.js";
import { raciRoutes } from "./raci.routes.js";

/** The raci area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "raci",
  routes: [raciRoutes],
};
