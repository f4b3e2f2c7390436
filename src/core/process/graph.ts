/**
 * The prerequisite graph. Nodes keep the order they are given in (catalog order), and every
 * traversal follows that order, so results never depend on anything but the input.
 */
export interface GraphNode {
  id: string;
  prerequisites: readonly string[];
}

/**
 * Every cycle found by a depth-first walk, each as the list of ids where each needs the next
 * and the last needs the first. One cycle is reported per back edge, rotated to start at its
 * earliest node, so a loop is named once however the walk enters it.
 */
export function findCycles(nodes: readonly GraphNode[]): string[][] {
  const index = new Map(nodes.map((node, i) => [node.id, i] as const));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (id: string): void => {
    state.set(id, "open");
    stack.push(id);
    for (const next of nodes[index.get(id)!]!.prerequisites) {
      if (!index.has(next)) continue;
      const nextState = state.get(next);
      if (nextState === "open") {
        const cycle = stack.slice(stack.lastIndexOf(next));
        const start = cycle.reduce((best, node, i) => (index.get(node)! < index.get(cycle[best]!)! ? i : best), 0);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = rotated.join("\u0000");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotated);
        }
      } else if (nextState === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, "done");
  };

  for (const node of nodes) if (!state.has(node.id)) visit(node.id);
  return cycles;
}

/**
 * Ids ordered so every node comes after its prerequisites; among nodes that are free at the same
 * time the earlier one in the input goes first. Prerequisites that are not nodes are ignored.
 * Throws on a cycle: callers evaluate catalogs that parseCatalog has already accepted.
 */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] {
  const index = new Map(nodes.map((node, i) => [node.id, i] as const));
  const waitingOn = nodes.map((node) => new Set(node.prerequisites.filter((p) => index.has(p))).size);
  const dependents = nodes.map(() => [] as number[]);
  nodes.forEach((node, i) => {
    for (const p of new Set(node.prerequisites)) if (index.has(p)) dependents[index.get(p)!]!.push(i);
  });
  // A sorted array as the ready queue keeps catalog order among free nodes; catalogs are small.
  const ready = nodes.flatMap((_, i) => (waitingOn[i] === 0 ? [i] : []));
  const order: string[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(nodes[i]!.id);
    for (const d of dependents[i]!) {
      waitingOn[d]!--;
      if (waitingOn[d] === 0) {
        const at = ready.findIndex((r) => r > d);
        ready.splice(at === -1 ? ready.length : at, 0, d);
      }
    }
  }
  if (order.length !== nodes.length) throw new Error("The prerequisite graph has a cycle; validate the catalog with parseCatalog first.");
  return order;
}
