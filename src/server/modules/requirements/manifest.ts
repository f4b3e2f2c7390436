import type { AreaManifest } from "../area.js";
import { requirementsRoutes } from "./requirements.routes.js";
import { loadRequirementsData } from "./requirements-data.js";

/** The requirements area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "requirements",
  routes: requirementsRoutes,
  processFacts: { key: "requirements", load: loadRequirementsData },
};
