/** The evidence module's public surface for other modules. */
export { attachEvidence } from "./attach.js";
