import { RISK_RULES } from "../../../core/risk/rules.js";
import * as m0008 from "../../db/migrations/0008-risk.js";
import type { AreaManifest } from "../area.js";
import { authorizationArtifact } from "./authorization.js";
import { loadRiskData } from "./risk-data.js";
import { riskRoutes } from "./risks.routes.js";

/** The risks area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "risks",
  migrations: { "0008-risk": m0008 },
  routes: [riskRoutes],
  rules: RISK_RULES,
  processFacts: { key: "risk", load: loadRiskData },
  gateArtifacts: {
    // G3: the method, the SoA and every open risk with its treatment approval and acceptance.
    "8.4": authorizationArtifact,
  },
};
