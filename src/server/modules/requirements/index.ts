/** The requirements module's public surface for other modules (its tables' types come with it). */

export type { InterestedPartiesTable, SecurityRequirementsTable } from "./requirements.repo.js";
export { createParty, createRequirement } from "./requirements.repo.js";
