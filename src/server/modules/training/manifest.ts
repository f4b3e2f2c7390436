import type { AreaManifest } from "../area.js";
import { trainingRoutes } from "./training.routes.js";
import { loadTrainingData } from "./training-data.js";

/** The training area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "training",
  routes: trainingRoutes,
  processFacts: { key: "training", load: loadTrainingData },
};
