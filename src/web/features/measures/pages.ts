import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { MeasurePage } from "./measure-page";
import { MeasuresPage } from "./measures-page";

/** The measures feature's pages in the navigation (section "p5"). */
export const measuresPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.measures,
    label: "Measurement",
    visible: canReadRegisters,
    Page: MeasuresPage,
    subpages: [{ path: ORG_PATHS.measure, Page: MeasurePage }],
  },
];
