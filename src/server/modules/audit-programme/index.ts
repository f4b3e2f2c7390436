// The internal audit module's public surface for other modules.

export { presentAudits, presentFindings } from "./audit-programme.present.js";
export {
  auditProgrammeCoverage,
  createAudit,
  createFinding,
  findAudit,
  issueReport,
  loadAuditProgrammeFacts,
} from "./audit-programme.repo.js";
export { auditProgrammeRoutes } from "./audit-programme.routes.js";
export { dueItems } from "./due.js";
