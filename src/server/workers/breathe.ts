import { setImmediate as nextTurn } from "node:timers/promises";

/** How long long-running work may hold the event loop before it lets other requests in. */
export const TURN_BUDGET_MS = 8;

let since = performance.now();

/**
 * Lets the event loop answer other requests (and timers, and I/O) when long work has held it
 * for more than TURN_BUDGET_MS: called often (per chunk of rows) from imports, backups and
 * restores, it yields only when needed, so it costs next to nothing otherwise.
 */
export async function breathe(): Promise<void> {
  const now = performance.now();
  if (now - since < TURN_BUDGET_MS) return;
  await nextTurn();
  since = performance.now();
}
