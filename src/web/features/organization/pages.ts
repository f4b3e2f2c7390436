import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { SecurityOrganizationPage } from "./security-organization-page";

/** The organization feature's pages in the navigation (section "p5"). */
export const organizationPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.securityOrganization,
    label: "Security organization",
    visible: canReadRegisters,
    Page: SecurityOrganizationPage,
  },
];
