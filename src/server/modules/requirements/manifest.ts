import { REQUIREMENTS_RULES } from "../../../core/requirements/rules.js";
import * as m0004 from "../../db/migrations/0004-requirements-assets.js";
import type { AreaManifest } from "../area.js";
import { interestedPartiesImport, requirementsImport } from "./import-binding.js";
import { requirementsRoutes } from "./requirements.routes.js";
import { loadRequirementsData } from "./requirements-data.js";

/** The requirements area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "requirements",
  migrations: { "0004-requirements-assets": m0004 },
  routes: requirementsRoutes,
  rules: REQUIREMENTS_RULES,
  imports: [interestedPartiesImport, requirementsImport],
  processFacts: { key: "requirements", load: loadRequirementsData },
};
