/** The measures module's public surface for other modules. */
export { BUILTIN_MEASURES, type BuiltinMeasure, computeBuiltins } from "./builtins.js";
export { dueItems } from "./due.js";
export { loadMeasurementData } from "./measurement-data.js";
export { listMeasures, measureRow, seriesOf } from "./measures.repo.js";
export { recomputeBuiltins } from "./recompute.js";
export { measurementResults } from "./review-input.js";
