import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CpmLink, type CpmTask, criticalPath, findCycle } from "./cpm.js";

/** A random acyclic plan: links only go from a lower to a higher index. */
const dag = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    tasks: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          id: fc.constant(`t${i}`),
          duration: fc.integer({ min: 0, max: 6 }),
          notBefore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        }),
      ),
    ),
    links: fc.uniqueArray(
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 3 }))
        .map(([a, b, lag]) => ({ from: `t${Math.min(a, b)}`, to: `t${Math.max(a, b)}`, lag }))
        .filter((l) => l.from !== l.to),
      { maxLength: 25, selector: (l) => `${l.from}>${l.to}` },
    ),
  }),
);

/** The longest path ending at each task and starting from each, by brute force over the topological order. */
function bruteForce(tasks: CpmTask[], links: CpmLink[]) {
  const n = tasks.length;
  const dur = tasks.map((t) => t.duration);
  const idx = (id: string) => Number(id.slice(1));
  const head = tasks.map((t) => t.notBefore ?? 0);
  for (let i = 0; i < n; i++)
    for (const l of links)
      if (idx(l.to) === i) head[i] = Math.max(head[i] as number, (head[idx(l.from)] as number) + (dur[idx(l.from)] as number) + l.lag);
  const tail = dur.slice();
  for (let i = n - 1; i >= 0; i--)
    for (const l of links)
      if (idx(l.from) === i) tail[i] = Math.max(tail[i] as number, (dur[i] as number) + l.lag + (tail[idx(l.to)] as number));
  const total = Math.max(...head.map((h, i) => h + (dur[i] as number)));
  return { head, tail, total };
}

describe("critical path", () => {
  it("computes a small textbook plan", () => {
    const r = criticalPath(
      [
        { id: "a", duration: 3 },
        { id: "b", duration: 2 },
        { id: "c", duration: 4 },
        { id: "d", duration: 0 },
      ],
      [
        { from: "a", to: "b", lag: 0 },
        { from: "a", to: "c", lag: 1 },
        { from: "b", to: "d", lag: 0 },
        { from: "c", to: "d", lag: 0 },
      ],
    );
    if (!r.ok) throw new Error("cycle");
    expect(r.finish).toBe(8);
    expect(r.tasks.get("b")).toMatchObject({ earlyStart: 3, earlyFinish: 5, lateStart: 6, slack: 3, critical: false });
    expect(r.tasks.get("c")).toMatchObject({ earlyStart: 4, earlyFinish: 8, slack: 0, critical: true });
    expect(r.tasks.get("d")).toMatchObject({ earlyStart: 8, critical: true });
    expect([...r.tasks.values()].filter((t) => t.critical).length).toBe(3);
  });

  it("refuses a cycle and names it in order", () => {
    const r = criticalPath(
      [
        { id: "a", duration: 1 },
        { id: "b", duration: 1 },
        { id: "c", duration: 1 },
        { id: "x", duration: 1 },
      ],
      [
        { from: "x", to: "a", lag: 0 },
        { from: "a", to: "b", lag: 0 },
        { from: "b", to: "c", lag: 0 },
        { from: "c", to: "a", lag: 0 },
      ],
    );
    expect(r).toEqual({ ok: false, cycle: ["a", "b", "c", "a"] });
    expect(findCycle(["a", "b"], [{ from: "a", to: "b", lag: 0 }])).toBeNull();
  });

  it("property: a task never starts before its predecessors finish plus the lag, nor before its planned start", () => {
    fc.assert(
      fc.property(dag, ({ tasks, links }) => {
        const r = criticalPath(tasks, links);
        if (!r.ok) return false;
        for (const l of links) {
          const a = r.tasks.get(l.from);
          const b = r.tasks.get(l.to);
          if (!a || !b || b.earlyStart < a.earlyFinish + l.lag || b.lateStart < a.lateFinish + l.lag) return false;
        }
        return tasks.every((t) => (r.tasks.get(t.id)?.earlyStart ?? -1) >= (t.notBefore ?? 0));
      }),
    );
  });

  it("property: slack is zero exactly on the tasks of a longest path", () => {
    fc.assert(
      fc.property(dag, ({ tasks, links }) => {
        const r = criticalPath(tasks, links);
        if (!r.ok) return false;
        const { head, tail, total } = bruteForce(tasks, links);
        if (r.finish !== total) return false;
        return tasks.every((t, i) => {
          const onLongest = (head[i] as number) + (tail[i] as number) === total;
          const got = r.tasks.get(t.id);
          return got !== undefined && got.slack >= 0 && (got.slack === 0) === onLongest && got.critical === onLongest;
        });
      }),
    );
  });

  it("property: adding a dependency never shortens the project", () => {
    fc.assert(
      fc.property(dag, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), ({ tasks, links }, x, y, lag) => {
        const a = x % tasks.length;
        const b = y % tasks.length;
        fc.pre(a < b);
        const before = criticalPath(tasks, links);
        const after = criticalPath(tasks, [...links, { from: `t${a}`, to: `t${b}`, lag }]);
        return before.ok && after.ok && after.finish >= before.finish;
      }),
    );
  });

  it("property: a link back from a successor always makes a cycle that is named", () => {
    fc.assert(
      fc.property(dag, ({ tasks, links }) => {
        fc.pre(links.length > 0);
        const l = links[0] as CpmLink;
        const r = criticalPath(tasks, [...links, { from: l.to, to: l.from, lag: 0 }]);
        if (r.ok) return false;
        const linked = new Set([...links, { from: l.to, to: l.from, lag: 0 }].map((k) => `${k.from}>${k.to}`));
        return r.cycle[0] === r.cycle[r.cycle.length - 1] && r.cycle.slice(1).every((id, i) => linked.has(`${r.cycle[i]}>${id}`));
      }),
    );
  });
});
