import { processPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { RolesRaciPage } from "./roles-raci-page";

/** The raci feature's pages in the navigation (section "p5"). */
export const raciPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.ismsRoles,
    label: "Roles & RACI",
    visible: ({ role }) => processPolicy.can({ role }, "read"),
    Page: RolesRaciPage,
  },
];
