/** The document register's public surface for other modules. */
export { ISMS_POLICY_ACTIVITY, ismsPolicyArtifact } from "./gate.js";
