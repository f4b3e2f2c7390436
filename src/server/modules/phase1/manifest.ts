import type { AreaManifest } from "../area.js";
import { businessCaseArtifact } from "./gate.js";
import { phase1Routes } from "./phase1.routes.js";

/** The phase1 area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "phase1",
  routes: phase1Routes,
  gateArtifacts: {
    // G1: the business case and the initial project plan.
    "5.4": businessCaseArtifact,
  },
};
