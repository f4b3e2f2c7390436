import { internalAuditPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { AuditDetailPage } from "./audit-detail-page";
import { InternalAuditPage } from "./internal-audit-page";

/** The audit-programme feature's pages in the navigation (section "p5"). */
export const auditProgrammePages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.internalAudit,
    label: "Internal audit",
    visible: ({ role }) => internalAuditPolicy.can({ role }, "read"),
    Page: InternalAuditPage,
    subpages: [{ path: ORG_PATHS.audit, Page: AuditDetailPage }],
  },
];
