import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { MyWorkPage } from "./my-work-page";

/** The work feature's pages in the navigation (section "implementation"). */
export const workPages: readonly AreaPage[] = [
  { section: "implementation", path: ORG_PATHS.myWork, label: "My work", visible: canReadRegisters, Page: MyWorkPage },
];
