import type { AreaManifest } from "../area.js";
import { soaRoutes } from "./soa.routes.js";

/** The soa area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "soa",
  routes: [soaRoutes],
};
