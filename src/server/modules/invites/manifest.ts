import type { AreaManifest } from "../area.js";
import { inviteRoutes } from "./invites.routes.js";

/** The invites area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "invites",
  routes: [inviteRoutes],
};
