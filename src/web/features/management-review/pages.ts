import { managementReviewPolicy } from "../../../core/access/policies";
import type { AreaPage } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { ManagementReviewPage } from "./management-review-page";
import { ManagementReviewsPage } from "./management-reviews-page";

/** The management-review feature's pages in the navigation (section "p5"). */
export const managementReviewPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.managementReviews,
    label: "Management review",
    visible: ({ role }) => managementReviewPolicy.can({ role }, "read"),
    Page: ManagementReviewsPage,
    subpages: [{ path: ORG_PATHS.managementReview, Page: ManagementReviewPage }],
  },
];
