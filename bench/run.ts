// npm run bench: runs every benchmark suite and prints one line per figure.
// BENCH_SECONDS shortens or lengthens the load phases; BENCH_ONLY=<name> runs one suite.
import { apiThroughput } from "./suites/api-throughput.js";
import { assetsScale } from "./suites/assets-scale.js";
import { backupBench } from "./suites/backup.js";
import { deliverables } from "./suites/deliverables.js";
import { evidence } from "./suites/evidence.js";
import { gantt } from "./suites/gantt.js";
import { measurementScale } from "./suites/measurement-scale.js";
import { monteCarlo } from "./suites/monte-carlo.js";
import { processEngine } from "./suites/process-engine.js";
import { reviewInputs } from "./suites/review-inputs.js";
import { riskScale } from "./suites/risk-scale.js";
import { schedule } from "./suites/schedule.js";

const SUITES: Record<string, () => Promise<void>> = {
  "api-throughput": apiThroughput,
  "process-engine": processEngine,
  "assets-scale": assetsScale,
  "risk-scale": riskScale,
  "monte-carlo": monteCarlo,
  "review-inputs": reviewInputs,
  "measurement-scale": measurementScale,
  backup: backupBench,
  schedule,
  gantt,
  deliverables,
  evidence,
};

const only = process.env.BENCH_ONLY;
for (const [name, suite] of Object.entries(SUITES)) {
  if (only && only !== name) continue;
  await suite();
}
