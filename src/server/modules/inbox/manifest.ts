import type { AreaManifest } from "../area.js";
import { inboxRoutes } from "./inbox.routes.js";

/** The inbox area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "inbox",
  routes: [inboxRoutes],
};
