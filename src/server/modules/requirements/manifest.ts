import * as m0004 from "../../db/migrations/0004-requirements-assets.js";
import type { AreaManifest } from "../area.js";
import { requirementsRoutes } from "./requirements.routes.js";
import { loadRequirementsData } from "./requirements-data.js";

/** The requirements area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "requirements",
  migrations: { "0004-requirements-assets": m0004 },
  routes: requirementsRoutes,
  processFacts: { key: "requirements", load: loadRequirementsData },
};
