import type { AreaManifest } from "../area.js";
import { orgRoutes } from "./orgs.routes.js";

/** The orgs area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "orgs",
  routes: [orgRoutes],
};
