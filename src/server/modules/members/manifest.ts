import type { AreaManifest } from "../area.js";
import { memberRoutes } from "./members.routes.js";

/** The members area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "members",
  routes: [memberRoutes],
};
