/** The requirements module's public surface for other modules. */
export { loadRequirementsData } from "./requirements-data.js";
