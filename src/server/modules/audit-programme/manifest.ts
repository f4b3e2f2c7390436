import { AUDIT_PROGRAMME_RULES } from "../../../core/audit-programme/rules.js";
import * as m0015 from "../../db/migrations/0015-internal-audit.js";
import type { AreaManifest } from "../area.js";
import { loadAuditProgrammeFacts } from "./audit-programme.repo.js";
import { auditProgrammeRoutes } from "./audit-programme.routes.js";

/** The audit-programme area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "audit-programme",
  migrations: { "0015-internal-audit": m0015 },
  routes: auditProgrammeRoutes,
  rules: AUDIT_PROGRAMME_RULES,
  processFacts: { key: "auditProgramme", load: loadAuditProgrammeFacts },
};
