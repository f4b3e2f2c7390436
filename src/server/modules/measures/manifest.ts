import type { AreaManifest } from "../area.js";
import { loadMeasurementData } from "./measurement-data.js";
import { measureRoutes } from "./measures.routes.js";

/** The measures area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "measures",
  routes: [measureRoutes],
  processFacts: { key: "measurement", load: loadMeasurementData },
};
