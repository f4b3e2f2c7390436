import { invitePolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { InvitesPage } from "./invites-page";

/** The invites feature's pages in the navigation (section "organization"). */
export const invitesPages: readonly AreaPage[] = [
  {
    section: "organization",
    path: "invites",
    label: "Invitations",
    visible: ({ role }) => invitePolicy.can({ role }, "read"),
    Page: InvitesPage,
  },
];
