import type { AreaManifest } from "../area.js";
import { tokenRoutes } from "./tokens.routes.js";

/** The tokens area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "tokens",
  routes: [tokenRoutes],
};
