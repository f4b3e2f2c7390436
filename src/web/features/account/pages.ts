import type { AreaPage } from "../../app/area";
import { AccountPage } from "./account-page";

/** The account feature's pages in the navigation (section "account"). */
export const accountPages: readonly AreaPage[] = [
  { section: "account", path: "account", label: "My account", visible: () => true, Page: AccountPage },
];
