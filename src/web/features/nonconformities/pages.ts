import { nonconformityPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { NonconformitiesPage } from "./nonconformities-page";
import { NonconformityPage } from "./nonconformity-page";

/** The nonconformities feature's pages in the navigation (section "p5"). */
export const nonconformitiesPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.nonconformities,
    label: "Nonconformities",
    visible: ({ role }) => nonconformityPolicy.can({ role }, "read"),
    Page: NonconformitiesPage,
    subpages: [{ path: ORG_PATHS.nonconformity, Page: NonconformityPage }],
  },
];
