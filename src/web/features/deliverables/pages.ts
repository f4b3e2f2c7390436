import { deliverablePolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { DeliverablesPage } from "./deliverables-page";

/** The deliverables feature's pages in the navigation (section "implementation"). */
export const deliverablesPages: readonly AreaPage[] = [
  {
    section: "implementation",
    path: ORG_PATHS.deliverables,
    label: "Documents",
    visible: ({ role }) => deliverablePolicy.can({ role }, "read"),
    Page: DeliverablesPage,
  },
];
