import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { SoaPage } from "./soa-page";
import { TreatmentPlanPage } from "./treatment-plan-page";

/** The soa feature's pages in the navigation (section "p4"). */
export const soaPages: readonly AreaPage[] = [
  { section: "p4", path: ORG_PATHS.soa, label: "Statement of Applicability", visible: canReadRegisters, Page: SoaPage },
  { section: "p4", path: ORG_PATHS.treatmentPlan, label: "Treatment plan", visible: canReadRegisters, Page: TreatmentPlanPage },
];
