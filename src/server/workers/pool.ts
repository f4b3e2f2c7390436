import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, Worker } from "node:worker_threads";

/**
 * A small pool of worker threads for CPU-heavy work (a Monte Carlo run over a register), so that the
 * event loop keeps answering while it runs. Tasks queue in order; a worker that dies fails only its
 * own task and is replaced by the next one started.
 *
 * The worker module is named next to the caller (`new URL("./x-worker.js", import.meta.url)`):
 * from `dist/` that is compiled JavaScript; from the sources (tsx, vitest) it is the `.ts` file,
 * which the worker loads through tsx's loader.
 */
export class WorkerPool<In, Out> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly queue: { input: In; resolve: (out: Out) => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  constructor(
    private readonly file: URL,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a worker pool needs at least one worker, not ${size}`);
  }

  /** Tasks started or waiting. */
  get pending(): number {
    return this.busy.size + this.queue.length;
  }

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.next();
    });
  }

  /** Ends every worker; waiting tasks are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error("the worker pool is closed"));
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private next(): void {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.busy.size < this.size)) {
      const task = this.queue.shift();
      if (!task) return;
      const worker = this.idle.pop() ?? this.spawn();
      this.busy.add(worker);
      worker.ref();
      const settle = (finish: () => void, keep: boolean) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        this.busy.delete(worker);
        if (keep && !this.closed) {
          worker.unref();
          this.idle.push(worker);
        } else if (keep) void worker.terminate();
        finish();
        this.next();
      };
      const onMessage = (message: { ok: true; value: Out } | { ok: false; error: { name: string; message: string } }) =>
        settle(() => {
          if (message.ok) task.resolve(message.value);
          else task.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
        }, true);
      const onError = (err: Error) => {
        void worker.terminate();
        settle(() => task.reject(err), false);
      };
      const onExit = (code: number) => settle(() => task.reject(new Error(`the worker stopped (exit code ${code})`)), false);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage(task.input);
    }
  }

  private spawn(): Worker {
    const worker = this.file.pathname.endsWith(".ts") ? typeScriptWorker(this.file) : new Worker(this.file);
    // An idle worker must not keep a CLI command or a finished test alive.
    worker.unref();
    return worker;
  }
}

/**
 * Running from the sources (tsx, vitest): the worker registers tsx's loader (a development
 * dependency), then imports the TypeScript module. `--import tsx` in the worker's execArgv does
 * not reach the worker's own entry module on Node 20, so the import happens after registering.
 */
function typeScriptWorker(file: URL): Worker {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(join(dirname(manifest), exports["./esm/api"]?.import.default ?? "dist/esm/api/index.mjs")).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(code, { eval: true });
}

/**
 * The body of a worker module: answers each message with `work(message)`, or the error it threw,
 * in the shape WorkerPool expects.
 */
export function serveWorker<In, Out>(work: (input: In) => Out): void {
  if (!parentPort) throw new Error("this module runs only as a worker thread");
  const port = parentPort;
  port.on("message", (input: In) => {
    try {
      port.postMessage({ ok: true, value: work(input) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ ok: false, error: { name: e.name, message: e.message } });
    }
  });
}
