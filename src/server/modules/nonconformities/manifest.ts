import type { AreaManifest } from "../area.js";
import { nonconformityRoutes } from "./nonconformities.routes.js";

/** The nonconformities area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "nonconformities",
  routes: [nonconformityRoutes],
};
