import type { AreaManifest } from "../area.js";
import { userRoutes } from "./users.routes.js";

/** The users area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "users",
  routes: [userRoutes],
};
