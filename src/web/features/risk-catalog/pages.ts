import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { RiskCatalogPage } from "./risk-catalog-page";

/** The risk-catalog feature's pages in the navigation (section "p4"). */
export const riskCatalogPages: readonly AreaPage[] = [
  { section: "p4", path: ORG_PATHS.riskCatalog, label: "Threats & controls", visible: canReadRegisters, Page: RiskCatalogPage },
];
