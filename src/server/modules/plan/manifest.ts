import { PLAN_RULES } from "../../../core/plan/rules.js";
import * as m0013 from "../../db/migrations/0013-plan.js";
import type { AreaManifest } from "../area.js";
import { computeCurrentSoa } from "../soa/index.js";
import { g4Artifact } from "./g4.js";
import { tasksImport } from "./import-binding.js";
import { planRoutes } from "./plan.routes.js";
import { loadPlanData } from "./plan-data.js";

/** The plan area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "plan",
  migrations: { "0013-plan": m0013 },
  routes: [planRoutes],
  rules: PLAN_RULES,
  imports: [tasksImport],
  processFacts: {
    key: "plan",
    // The plan's facts follow the SoA: its applicable controls and whether each is implemented.
    load: (db, orgId) =>
      computeCurrentSoa(db, orgId).then(({ rows }) =>
        loadPlanData(
          db,
          orgId,
          rows
            .filter((r) => r.applicable === true)
            .map((r) => ({
              id: r.control.id,
              ref: r.control.ref,
              title: r.control.title,
              implemented: r.implementation === "implemented",
            })),
        ),
      ),
  },
  gateArtifacts: {
    // G4: the final ISMS project plan with the ISMS design (parts declared in plan/g4.ts).
    "9.5": g4Artifact,
  },
};
