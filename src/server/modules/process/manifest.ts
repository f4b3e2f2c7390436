import * as m0002 from "../../db/migrations/0002-process.js";
import * as m0024 from "../../db/migrations/0024-one-role-model.js";
import type { AreaManifest } from "../area.js";
import { processRoutes } from "./process.routes.js";

/** The process area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "process",
  migrations: { "0002-process": m0002, "0024-one-role-model": m0024 },
  routes: [processRoutes],
};
