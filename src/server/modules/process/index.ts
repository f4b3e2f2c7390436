/** The public surface of the process module, for other modules. */
export { orgCatalog } from "./catalog.repo.js";
export { keepAssignment, linkProjectRoles, readProjectRoles, releaseAssignments } from "./project-roles.repo.js";
export { computeRoadmap } from "./roadmap.service.js";
export { readSettings } from "./settings.repo.js";
