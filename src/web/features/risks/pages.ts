import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { RiskCoveragePage } from "./risk-coverage-page";
import { RiskPage } from "./risk-page";
import { RisksPage } from "./risks-page";

/** The risks feature's pages in the navigation (section "p4"). */
export const risksPages: readonly AreaPage[] = [
  {
    section: "p4",
    path: ORG_PATHS.risks,
    label: "Risk register",
    visible: canReadRegisters,
    Page: RisksPage,
    subpages: [{ path: ORG_PATHS.risk, Page: RiskPage }],
  },
  { section: "p4", path: ORG_PATHS.riskCoverage, label: "Risk coverage", visible: canReadRegisters, Page: RiskCoveragePage },
];
