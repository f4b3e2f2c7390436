// Entry point of the Monte Carlo worker threads (see quant-runner.ts).
import { serveWorker } from "../../workers/pool.js";
import { runQuantTask } from "./quant-task.js";

serveWorker(runQuantTask);
