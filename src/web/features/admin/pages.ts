import type { AreaPage } from "../../app/area";
import { BackupPage } from "./backup-page";

/** The admin feature's pages in the navigation (section "instance"). */
export const adminPages: readonly AreaPage[] = [
  { section: "instance", path: "admin/backups", label: "Backups", visible: ({ user }) => user.isInstanceAdmin, Page: BackupPage },
];
