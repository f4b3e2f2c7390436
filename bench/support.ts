// What the scale benchmarks share: the app in its own process, percentiles, and a list's first pages.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** The real app in a child process (bench/target.ts), so its memory and CPU are its own; resolves with its URL. */
export function startServer(
  databaseUrl: string,
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [...nodeFlags, "--import", "tsx", join(import.meta.dirname, "target.ts"), "app", databaseUrl], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, proc }));
    proc.once("exit", (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
}

export const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1] ?? Number.NaN;
export const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;

/** The first pages of a list, so that timed requests also read past the first page by cursor. */
export async function pagesOf(url: string, token: string, path: string, pages = 10): Promise<string[]> {
  const paths = [path];
  for (let i = 1; i < pages; i++) {
    const response = await fetch(url + (paths.at(-1) as string), { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { nextCursor: string | null };
    if (!body.nextCursor) break;
    paths.push(`${path}&cursor=${encodeURIComponent(body.nextCursor)}`);
  }
  return paths;
}
