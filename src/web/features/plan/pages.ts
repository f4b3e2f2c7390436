import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { PlanPage } from "./plan-page";

/** The plan feature's pages in the navigation (section "p5"). */
export const planPages: readonly AreaPage[] = [
  { section: "p5", path: ORG_PATHS.plan, label: "Implementation plan", visible: canReadRegisters, Page: PlanPage },
];
