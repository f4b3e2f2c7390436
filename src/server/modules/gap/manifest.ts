import { GAP_RULES } from "../../../core/gap/rules.js";
import * as m0005 from "../../db/migrations/0005-gap.js";
import type { AreaManifest } from "../area.js";
import { loadGapData } from "./gap.repo.js";
import { gapRoutes } from "./gap.routes.js";
import { gapAssessmentImport } from "./import-binding.js";

/** The gap area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "gap",
  migrations: { "0005-gap": m0005 },
  routes: [gapRoutes],
  rules: GAP_RULES,
  imports: [gapAssessmentImport],
  processFacts: { key: "gap", load: loadGapData },
};
