import type { AreaManifest } from "../area.js";
import { approvalRoutes } from "./approvals.routes.js";

/** The approvals area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "approvals",
  routes: [approvalRoutes],
};
