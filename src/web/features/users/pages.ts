import type { AreaPage } from "../../app/area";
import { UsersPage } from "./users-page";

/** The users feature's pages in the navigation (section "instance"). */
export const usersPages: readonly AreaPage[] = [
  { section: "instance", path: "admin/users", label: "Users", visible: ({ user }) => user.isInstanceAdmin, Page: UsersPage },
];
