import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { AssetDetailPage } from "./asset-detail-page";
import { AssetsPage } from "./assets-page";

/** The assets feature's pages in the navigation (section "p3"). */
export const assetsPages: readonly AreaPage[] = [
  {
    section: "p3",
    path: ORG_PATHS.assets,
    label: "Assets",
    visible: canReadRegisters,
    Page: AssetsPage,
    subpages: [{ path: ORG_PATHS.asset, Page: AssetDetailPage }],
  },
];
