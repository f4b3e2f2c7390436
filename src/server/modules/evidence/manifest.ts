import type { AreaManifest } from "../area.js";
import { evidenceRoutes } from "./evidence.routes.js";

/** The evidence area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "evidence",
  routes: [evidenceRoutes],
};
