import { tokenPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { TokensPage } from "./tokens-page";

/** The tokens feature's pages in the navigation (section "organization"). */
export const tokensPages: readonly AreaPage[] = [
  {
    section: "organization",
    path: "tokens",
    label: "API tokens",
    visible: ({ role }) => tokenPolicy.can({ role }, "read"),
    Page: TokensPage,
  },
];
