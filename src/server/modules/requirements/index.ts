/** The requirements module's public surface for other modules. */
export { createParty, createRequirement } from "./requirements.repo.js";
