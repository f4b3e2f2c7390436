import { auditPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { AuditPage } from "./audit-page";

/** The audit feature's pages in the navigation (section "organization"). */
export const auditPages: readonly AreaPage[] = [
  { section: "organization", path: "audit", label: "Audit log", visible: ({ role }) => auditPolicy.can({ role }, "read"), Page: AuditPage },
];
