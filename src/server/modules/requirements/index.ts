/** The requirements module's public surface for other modules (its tables' types come with it). */

/** The requirements module's public surface for other modules. */
export type { InterestedPartiesTable, SecurityRequirementsTable } from "./requirements.repo.js";
export { createParty, createRequirement } from "./requirements.repo.js";
export { loadRequirementsData } from "./requirements-data.js";
