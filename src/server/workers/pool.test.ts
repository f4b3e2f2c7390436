import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "./pool.js";

// A compiled worker as dist/ holds it: plain JavaScript, loaded without tsx.
const dir = mkdtempSync(join(tmpdir(), "isms-pool-"));
const file = join(dir, "echo-worker.mjs");
writeFileSync(
  file,
  `import { parentPort } from "node:worker_threads";
parentPort.on("message", (n) => {
  if (n === "exit") process.exit(3);
  if (n < 0) parentPort.postMessage({ ok: false, error: { name: "RangeError", message: "negative: " + n } });
  else parentPort.postMessage({ ok: true, value: n * 2 });
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("WorkerPool", () => {
  it("runs tasks on at most its size of JavaScript workers, in order, and reports a task's error as that task's", async () => {
    const pool = new WorkerPool<number | string, number>(pathToFileURL(file), 2);
    try {
      const results = pool.run(-1).catch((e: Error) => `${e.name}: ${e.message}`);
      expect(await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)))).toEqual([2, 4, 6, 8, 10]);
      expect(await results).toBe("RangeError: negative: -1");
      expect(pool.pending).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it("fails only the task of a worker that dies, and carries on with a new worker", async () => {
    const pool = new WorkerPool<number | string, number>(pathToFileURL(file), 1);
    try {
      await expect(pool.run("exit")).rejects.toThrow(/exit code 3/);
      expect(await pool.run(21)).toBe(42);
    } finally {
      await pool.close();
    }
    await expect(pool.run(1)).rejects.toThrow(/closed/);
  });

  it("runs a TypeScript worker from the sources through tsx", async () => {
    const pool = new WorkerPool<unknown, { ale: number }[]>(new URL("../modules/risks/quant-worker.ts", import.meta.url), 1);
    try {
      const c = { min: 1, mostLikely: 1, max: 1, confidence: "low" };
      const [summary] = await pool.run({ kind: "cases", cases: [{ frequency: c, magnitude: c }], iterations: 100, seed: 1 });
      expect(summary?.ale).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
