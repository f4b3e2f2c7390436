import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findCycles, type GraphNode, topologicalOrder } from "./graph.js";

const nodes = (spec: Record<string, string[]>): GraphNode[] => Object.entries(spec).map(([id, prerequisites]) => ({ id, prerequisites }));

/** Random acyclic graphs: node i may only need nodes before it, then the listing is shuffled. */
const dag = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => `n${j}`)))),
      fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([prereqs, keys]) =>
    prereqs
      .map((prerequisites, i) => ({ node: { id: `n${i}`, prerequisites }, key: keys[i]! }))
      .sort((a, b) => a.key - b.key)
      .map((entry) => entry.node),
  );

describe("prerequisite graph", () => {
  it("finds no cycle in an acyclic graph and orders every node after its prerequisites", () => {
    fc.assert(
      fc.property(dag, (graph) => {
        expect(findCycles(graph)).toEqual([]);
        const order = topologicalOrder(graph);
        expect([...order].sort()).toEqual(graph.map((n) => n.id).sort());
        const position = new Map(order.map((id, i) => [id, i]));
        for (const node of graph) for (const p of node.prerequisites) expect(position.get(p)!).toBeLessThan(position.get(node.id)!);
      }),
    );
  });

  it("keeps the given order among nodes that are free at the same time", () => {
    expect(topologicalOrder(nodes({ c: [], b: ["a"], a: [], d: ["c"] }))).toEqual(["c", "a", "b", "d"]);
  });

  it("names each cycle once, starting at its earliest node", () => {
    expect(findCycles(nodes({ a: ["c"], b: ["a"], c: ["b"], d: ["d"], e: ["a"] }))).toEqual([["a", "c", "b"], ["d"]]);
    expect(findCycles(nodes({ x: ["y"], y: ["x", "z"], z: ["y"] }))).toEqual([
      ["x", "y"],
      ["y", "z"],
    ]);
  });

  it("ignores prerequisites that are not nodes", () => {
    expect(findCycles(nodes({ a: ["ghost"] }))).toEqual([]);
    expect(topologicalOrder(nodes({ a: ["ghost"], b: ["a"] }))).toEqual(["a", "b"]);
  });

  it("refuses to order a cyclic graph", () => {
    expect(() => topologicalOrder(nodes({ a: ["b"], b: ["a"] }))).toThrow(/cycle/);
  });

  it("finds a cycle added to any acyclic graph", () => {
    fc.assert(
      fc.property(dag, fc.nat(), (graph, pick) => {
        const target = graph[pick % graph.length]!;
        // Making a node need one of its own dependents (or itself) always closes a loop.
        const dependentOf = (id: string): string => graph.find((n) => n.prerequisites.includes(id))?.id ?? id;
        const looped = graph.map((n) => (n.id === target.id ? { ...n, prerequisites: [...n.prerequisites, dependentOf(target.id)] } : n));
        const cycles = findCycles(looped);
        expect(cycles.length).toBeGreaterThan(0);
        expect(cycles.some((c) => c.includes(target.id))).toBe(true);
        expect(() => topologicalOrder(looped)).toThrow();
      }),
    );
  });
});
