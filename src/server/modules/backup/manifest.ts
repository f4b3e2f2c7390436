import type { AreaManifest } from "../area.js";
import { backupRoutes } from "./backup.routes.js";

/** The backup area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "backup",
  routes: [backupRoutes],
};
