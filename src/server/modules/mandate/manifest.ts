import type { AreaManifest } from "../area.js";
import { businessCaseArtifact } from "./gate.js";
import { mandateRoutes } from "./mandate.routes.js";

/** The mandate area (priorities, obligations, preliminary scope, project roles, business case): what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "mandate",
  routes: mandateRoutes,
  gateArtifacts: {
    // G1: the business case and the initial project plan.
    "5.4": businessCaseArtifact,
  },
};
