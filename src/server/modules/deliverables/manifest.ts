import * as m0016 from "../../db/migrations/0016-deliverables.js";
import type { AreaManifest } from "../area.js";
import { deliverableRoutes } from "./deliverables.routes.js";

/** The deliverables area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "deliverables",
  migrations: { "0016-deliverables": m0016 },
  routes: [deliverableRoutes],
};
