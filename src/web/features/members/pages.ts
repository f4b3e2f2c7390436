import { memberPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { MembersPage } from "./members-page";

/** The members feature's pages in the navigation (section "organization"). */
export const membersPages: readonly AreaPage[] = [
  {
    section: "organization",
    path: "members",
    label: "Members",
    visible: ({ role }) => memberPolicy.can({ role }, "read"),
    Page: MembersPage,
  },
];
