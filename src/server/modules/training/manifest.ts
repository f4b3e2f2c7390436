import { TRAINING_RULES } from "../../../core/training/rules.js";
import type { AreaManifest } from "../area.js";
import { trainingRoutes } from "./training.routes.js";
import { loadTrainingData } from "./training-data.js";

/** The training area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "training",
  routes: trainingRoutes,
  rules: TRAINING_RULES,
  processFacts: { key: "training", load: loadTrainingData },
};
