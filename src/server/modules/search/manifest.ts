import type { AreaManifest } from "../area.js";
import { searchRoutes } from "./search.routes.js";

/** The search area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "search",
  routes: [searchRoutes],
};
