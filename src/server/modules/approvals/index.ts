/** The approvals module's public surface for other modules. */
export { buildArtifact, hasArtifact } from "./artifacts.js";
