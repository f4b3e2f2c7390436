/** The work module's public surface for other modules. */
export { allDueItems, myWork } from "./work.service.js";
