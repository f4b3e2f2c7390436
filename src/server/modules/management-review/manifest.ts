import { MANAGEMENT_REVIEW_RULES } from "../../../core/management-review/rules.js";
import type { AreaManifest } from "../area.js";
import { loadManagementReviewFacts } from "./management-review.repo.js";
import { managementReviewRoutes } from "./management-review.routes.js";

/** The management-review area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "management-review",
  routes: [managementReviewRoutes],
  rules: MANAGEMENT_REVIEW_RULES,
  processFacts: { key: "managementReview", load: loadManagementReviewFacts },
};
