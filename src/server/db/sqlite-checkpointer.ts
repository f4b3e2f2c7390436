import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * SQLite in WAL mode copies the log back into the database file (a checkpoint) when it has grown
 * past a size, inside the commit that crossed it. better-sqlite3 is synchronous, so after a large
 * import the whole server waited for that copy (1.3 s seen). The write connections therefore run
 * with automatic checkpoints off, and one worker thread per process checkpoints every registered
 * database file in the background with its own connection (PASSIVE: it never waits for readers or
 * writers, and writers never wait for it).
 */

const INTERVAL_MS = 200;
/** A log larger than this is checkpointed at the next tick (SQLite's own default is about 4 MB). */
const THRESHOLD_BYTES = 4 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.driver);
const open = new Map();
parentPort.on("message", (message) => {
  const entry = open.get(message.path);
  if (message.type === "add") {
    if (entry) entry.count += 1;
    else {
      try {
        const db = new Database(message.path);
        db.pragma("busy_timeout = 0");
        open.set(message.path, { db, count: 1 });
      } catch {}
    }
  } else if (message.type === "remove" && entry) {
    entry.count -= 1;
    if (entry.count <= 0) {
      open.delete(message.path);
      try { entry.db.close(); } catch {}
    }
  }
});
setInterval(() => {
  for (const [path, entry] of open) {
    let size = 0;
    try { size = statSync(path + "-wal").size; } catch { continue; }
    if (size < workerData.threshold) continue;
    try { entry.db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
  }
}, workerData.interval);
`;

let worker: Worker | null = null;

function checkpointer(): Worker {
  if (!worker) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, interval: INTERVAL_MS, threshold: THRESHOLD_BYTES } });
    // The worker never keeps the process alive, and a failure of it only brings back the old cost.
    worker.unref();
    worker.on("error", () => {
      worker = null;
    });
  }
  return worker;
}

/** Checkpoints the database file in the background until the returned function is called. */
export function checkpointInBackground(path: string): () => void {
  const w = checkpointer();
  w.postMessage({ type: "add", path });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    w.postMessage({ type: "remove", path });
  };
}
