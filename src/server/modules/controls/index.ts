// The controls module's public surface for other modules.
export { listControls, unknownControls } from "./controls.repo.js";
