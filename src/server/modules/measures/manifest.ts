import { MEASUREMENT_RULES } from "../../../core/measurement/rules.js";
import * as m0014 from "../../db/migrations/0014-measure.js";
import type { AreaManifest } from "../area.js";
import { loadMeasurementData } from "./measurement-data.js";
import { measureRoutes } from "./measures.routes.js";

/** The measures area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "measures",
  migrations: { "0014-measure": m0014 },
  routes: [measureRoutes],
  rules: MEASUREMENT_RULES,
  processFacts: { key: "measurement", load: loadMeasurementData },
};
