import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { BusinessCasePage } from "./business-case-page";
import { PreliminaryScopePage } from "./preliminary-scope-page";
import { PrioritiesPage } from "./priorities-page";
import { ProjectRolesPage } from "./project-roles-page";

/** The mandate feature's pages in the navigation (section "p1"). */
export const mandatePages: readonly AreaPage[] = [
  { section: "p1", path: ORG_PATHS.priorities, label: "Priorities & obligations", visible: canReadRegisters, Page: PrioritiesPage },
  { section: "p1", path: ORG_PATHS.preliminaryScope, label: "Preliminary scope", visible: canReadRegisters, Page: PreliminaryScopePage },
  { section: "p1", path: ORG_PATHS.projectRoles, label: "Project roles", visible: canReadRegisters, Page: ProjectRolesPage },
  { section: "p1", path: ORG_PATHS.businessCase, label: "Business case & plan", visible: canReadRegisters, Page: BusinessCasePage },
];
