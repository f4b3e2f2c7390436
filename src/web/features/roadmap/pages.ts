import { approvalPolicy, processPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { ActivityPage } from "./activity-page";
import { ChecklistPage } from "./checklist-page";
import { ProcessSettingsPage } from "./process-settings-page";
import { RoadmapPage } from "./roadmap-page";

/** The roadmap feature's pages in the navigation (section "implementation"). */
export const roadmapPages: readonly AreaPage[] = [
  {
    section: "implementation",
    path: ORG_PATHS.roadmap,
    label: "Roadmap",
    visible: ({ role }) => processPolicy.can({ role }, "read"),
    Page: RoadmapPage,
    subpages: [
      { path: ORG_PATHS.checklist, Page: ChecklistPage },
      { path: ORG_PATHS.activity, Page: ActivityPage },
    ],
  },
];

/** The roadmap feature's pages in the navigation (section "organization"). */
export const processSettingsPages: readonly AreaPage[] = [
  {
    section: "organization",
    path: ORG_PATHS.processSettings,
    label: "Process settings",
    // Approvers decide proposed changes of separation of duties here.
    visible: ({ role }) => processPolicy.can({ role }, "manage") || approvalPolicy.can({ role }, "decide"),
    Page: ProcessSettingsPage,
  },
];
