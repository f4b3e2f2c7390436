/** The training module's public surface for other modules. */
export { dueItems } from "./due.js";
export { dateProblem, type RowProblem, readRows, refuseProblems } from "./import.js";
export { trainingCoverageOf } from "./training.repo.js";
export { loadTrainingData } from "./training-data.js";
