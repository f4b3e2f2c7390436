// The management review module's public surface for other modules.
export { dueItems } from "./due.js";
export { assembleReviewInputs, type InputProvider, provideReviewInput } from "./inputs.js";
export {
  approveMinutes,
  createOutput,
  createReview,
  findReview,
  loadManagementReviewFacts,
  presentReviews,
  submitMinutes,
  takeInputs,
} from "./management-review.repo.js";
export { managementReviewRoutes } from "./management-review.routes.js";
