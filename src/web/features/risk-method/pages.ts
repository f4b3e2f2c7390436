import { processPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { RiskMethodPage } from "./risk-method-page";

/** The risk-method feature's pages in the navigation (section "p4"). */
export const riskMethodPages: readonly AreaPage[] = [
  {
    section: "p4",
    path: ORG_PATHS.riskMethod,
    label: "Risk method",
    visible: ({ role }) => processPolicy.can({ role }, "read"),
    Page: RiskMethodPage,
  },
];
