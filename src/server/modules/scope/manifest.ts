import { SCOPE_RULES } from "../../../core/scope/rules.js";
import * as m0003 from "../../db/migrations/0003-scope.js";
import type { AreaManifest } from "../area.js";
import { scopeElementsImport } from "./import-binding.js";
import { scopeRoutes } from "./scope.routes.js";
import { loadScopeData } from "./scope-data.js";

/** The scope area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "scope",
  migrations: { "0003-scope": m0003 },
  routes: scopeRoutes,
  rules: SCOPE_RULES,
  imports: [scopeElementsImport],
  processFacts: { key: "scope", load: loadScopeData },
};
