import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { GapPage } from "./gap-page";

/** The gap feature's pages in the navigation (section "p3"). */
export const gapPages: readonly AreaPage[] = [
  { section: "p3", path: ORG_PATHS.gapAssessment, label: "Gap assessment", visible: canReadRegisters, Page: GapPage },
];
