/** The plan module's public surface for other modules. */
export { g4Artifact } from "./g4.js";
export { generateTasks } from "./generate.js";
export {
  compareWithBaseline,
  computeSchedule,
  freezeBaseline,
  readSchedule,
  readTask,
  taskAsInput,
  updateTask,
  writeCalendar,
} from "./plan.repo.js";
export { implementationByControl, loadPlanData } from "./plan-data.js";
export { taskExportRows } from "./plan-export.js";
