/**
 * The critical path method over finish-to-start dependencies with lags, counted in working days.
 * Forward pass: earliest start and finish; backward pass: latest start and finish; slack is the
 * difference and the critical path the tasks without any. Pure and linear in tasks + links, so
 * 5,000 tasks with 10,000 dependencies take milliseconds.
 */

export interface CpmTask {
  id: string;
  /** Working days; 0 for a milestone. */
  duration: number;
  /** The task may not start before this working-day index (its planned start), if set. */
  notBefore?: number | null;
}

export interface CpmLink {
  /** The predecessor: it must finish first. */
  from: string;
  /** The successor. */
  to: string;
  /** Working days between the predecessor's finish and the successor's start (≥ 0). */
  lag: number;
}

export interface CpmResult {
  /** Working-day index of the first day worked; `finish` is exclusive (start + duration). */
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  slack: number;
  critical: boolean;
}

export type CpmOutcome = { ok: true; tasks: Map<string, CpmResult>; finish: number; order: string[] } | { ok: false; cycle: string[] };

/** A cycle among the links, as the ids along it (the first repeated at the end), or null. */
export function findCycle(ids: readonly string[], links: readonly CpmLink[]): string[] | null {
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const l of links) next.get(l.from)?.push(l.to);
  const state = new Map<string, 1 | 2>();
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative depth-first search, so long chains do not overflow the stack.
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    const path: string[] = [root];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; i: number };
      const outs = next.get(top.id) ?? [];
      if (top.i < outs.length) {
        const to = outs[top.i++] as string;
        const s = state.get(to);
        if (s === 1) return [...path.slice(path.indexOf(to)), to];
        if (s === undefined) {
          state.set(to, 1);
          stack.push({ id: to, i: 0 });
          path.push(to);
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
        path.pop();
      }
    }
  }
  return null;
}

export function criticalPath(tasks: readonly CpmTask[], links: readonly CpmLink[]): CpmOutcome {
  const n = tasks.length;
  const index = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) index.set((tasks[i] as CpmTask).id, i);
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  const valid = links.filter((l) => index.has(l.from) && index.has(l.to));
  for (const l of valid) {
    const a = (index.get(l.from) as number) + 1;
    const b = (index.get(l.to) as number) + 1;
    outStart[a] = (outStart[a] as number) + 1;
    inStart[b] = (inStart[b] as number) + 1;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1] = (outStart[i + 1] as number) + (outStart[i] as number);
    inStart[i + 1] = (inStart[i + 1] as number) + (inStart[i] as number);
  }
  const outTo = new Int32Array(valid.length);
  const outLag = new Float64Array(valid.length);
  const inFrom = new Int32Array(valid.length);
  const inLag = new Float64Array(valid.length);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  for (const l of valid) {
    const a = index.get(l.from) as number;
    const b = index.get(l.to) as number;
    const o = outFill[a] as number;
    outFill[a] = o + 1;
    outTo[o] = b;
    outLag[o] = l.lag;
    const p = inFill[b] as number;
    inFill[b] = p + 1;
    inFrom[p] = a;
    inLag[p] = l.lag;
  }
  // Kahn's topological order.
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = (inStart[i + 1] as number) - (inStart[i] as number);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order[tail++] = i;
  while (head < tail) {
    const v = order[head++] as number;
    for (let e = outStart[v] as number; e < (outStart[v + 1] as number); e++) {
      const w = outTo[e] as number;
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) order[tail++] = w;
    }
  }
  if (tail < n) {
    const left = tasks.filter((_, i) => (indegree[i] as number) > 0).map((t) => t.id);
    const set = new Set(left);
    return {
      ok: false,
      cycle:
        findCycle(
          left,
          valid.filter((l) => set.has(l.from) && set.has(l.to)),
        ) ?? left,
    };
  }
  const duration = new Float64Array(n);
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  let finish = 0;
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    const t = tasks[v] as CpmTask;
    duration[v] = Math.max(0, t.duration);
    let start = Math.max(0, t.notBefore ?? 0);
    for (let e = inStart[v] as number; e < (inStart[v + 1] as number); e++) {
      const s = (ef[inFrom[e] as number] as number) + (inLag[e] as number);
      if (s > start) start = s;
    }
    es[v] = start;
    ef[v] = start + (duration[v] as number);
    if ((ef[v] as number) > finish) finish = ef[v] as number;
  }
  const lf = new Float64Array(n);
  const ls = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const v = order[k] as number;
    let late = finish;
    for (let e = outStart[v] as number; e < (outStart[v + 1] as number); e++) {
      const s = (ls[outTo[e] as number] as number) - (outLag[e] as number);
      if (s < late) late = s;
    }
    lf[v] = late;
    ls[v] = late - (duration[v] as number);
  }
  const result = new Map<string, CpmResult>();
  for (let i = 0; i < n; i++) {
    const slack = (ls[i] as number) - (es[i] as number);
    result.set((tasks[i] as CpmTask).id, {
      earlyStart: es[i] as number,
      earlyFinish: ef[i] as number,
      lateStart: ls[i] as number,
      lateFinish: lf[i] as number,
      slack,
      critical: slack === 0,
    });
  }
  return { ok: true, tasks: result, finish, order: Array.from(order, (i) => (tasks[i] as CpmTask).id) };
}
