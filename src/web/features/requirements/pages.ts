import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { RequirementsPage } from "./requirements-page";

/** The requirements feature's pages in the navigation (section "p3"). */
export const requirementsPages: readonly AreaPage[] = [
  { section: "p3", path: ORG_PATHS.requirements, label: "Requirements", visible: canReadRegisters, Page: RequirementsPage },
];
