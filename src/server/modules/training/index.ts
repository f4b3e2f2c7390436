/** The training module's public surface for other modules. */
export { dueItems } from "./due.js";
export { trainingCoverageOf } from "./training.repo.js";
export { loadTrainingData } from "./training-data.js";
