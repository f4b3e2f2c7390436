import { isBlank } from "../process/data.js";
import {
  type BoundaryInterface,
  type InterfaceDirection,
  KIND_LABELS,
  SCOPE_AREAS,
  SCOPE_ELEMENT_KINDS,
  type ScopeArea,
  type ScopeData,
  type ScopeElement,
} from "./data.js";

const AREA_TITLES: Readonly<Record<ScopeArea, string>> = {
  organizational: "Organizational scope",
  ict: "ICT scope",
  physical: "Physical scope",
};

const DIRECTION_WORDS: Readonly<Record<InterfaceDirection, string>> = {
  inbound: "into the scope",
  outbound: "out of the scope",
  bidirectional: "both ways",
};

/**
 * Text people typed, made safe for one line of Markdown: line breaks would end a list item or
 * a table row, and emphasis, link or table characters would change how the rest renders.
 */
export function inlineText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Case-insensitive by name, then exact, then by id: the same data always reads the same, on any runtime. */
function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const kindOrder = (e: ScopeElement) => SCOPE_ELEMENT_KINDS.indexOf(e.kind);
const byKindThenName = (a: ScopeElement, b: ScopeElement) => kindOrder(a) - kindOrder(b) || byName(a, b);

function describe(e: ScopeElement, byId: ReadonlyMap<string, ScopeElement>, nested: boolean): string {
  const facts = [KIND_LABELS[e.kind].one];
  const parent = e.parentId === null ? undefined : byId.get(e.parentId);
  if (parent && !nested) facts.push(`part of ${inlineText(parent.name)}${parent.inScope ? "" : ", which is outside the scope"}`);
  if (!isBlank(e.owner)) facts.push(`owner: ${inlineText(e.owner as string)}`);
  const description = isBlank(e.description) ? "" : `: ${inlineText(e.description as string)}`;
  return `**${inlineText(e.name)}** (${facts.join("; ")})${description}`;
}

/** The elements of one boundary that are in scope, nested under their parent where the parent is in scope too. */
function areaSection(area: ScopeArea, elements: readonly ScopeElement[], byId: ReadonlyMap<string, ScopeElement>): string[] {
  const inside = elements.filter((e) => e.inScope && SCOPE_AREAS[area].kinds.includes(e.kind)).sort(byKindThenName);
  const shown = new Set(inside.map((e) => e.id));
  const isRoot = (e: ScopeElement) => e.parentId === null || !shown.has(e.parentId);
  const lines: string[] = [];
  const visited = new Set<string>();
  const walk = (e: ScopeElement, depth: number) => {
    // A cycle cannot be stored, but a document generator must terminate whatever it is given.
    if (visited.has(e.id)) return;
    visited.add(e.id);
    lines.push(`${"  ".repeat(depth)}- ${describe(e, byId, depth > 0)}`);
    for (const child of inside.filter((c) => c.parentId === e.id)) walk(child, depth + 1);
  };
  for (const root of inside.filter(isRoot)) walk(root, 0);
  for (const rest of inside) walk(rest, 0);
  return [`## ${AREA_TITLES[area]}`, "", ...(lines.length > 0 ? lines : ["_Nothing is recorded inside this boundary yet._"])];
}

function exclusionsSection(elements: readonly ScopeElement[]): string[] {
  const excluded = elements.filter((e) => !e.inScope).sort(byKindThenName);
  if (excluded.length === 0) return ["## Exclusions", "", "_Nothing is excluded._"];
  return [
    "## Exclusions",
    "",
    "| Element | Kind | Justification |",
    "| --- | --- | --- |",
    ...excluded.map(
      (e) =>
        `| ${inlineText(e.name)} | ${KIND_LABELS[e.kind].one} | ${isBlank(e.exclusionJustification) ? "_not justified yet_" : inlineText(e.exclusionJustification as string)} |`,
    ),
  ];
}

function interfacesSection(interfaces: readonly BoundaryInterface[], byId: ReadonlyMap<string, ScopeElement>): string[] {
  if (interfaces.length === 0) return ["## Boundary interfaces", "", "_No interfaces across the boundary are recorded._"];
  const end = (id: string | null, party: string | null) => {
    const element = id === null ? undefined : byId.get(id);
    if (element) return `${inlineText(element.name)} (${KIND_LABELS[element.kind].one})`;
    return isBlank(party) ? "_unknown_" : `${inlineText(party as string)} (outside party)`;
  };
  const rows = interfaces.map((i) => ({
    inside: end(i.fromElementId, null),
    outside: end(i.toElementId, i.toParty),
    interface: i,
  }));
  rows.sort(
    (a, b) =>
      byName({ name: a.inside, id: "" }, { name: b.inside, id: "" }) ||
      byName({ name: a.outside, id: "" }, { name: b.outside, id: "" }) ||
      byName({ name: a.interface.dataExchanged, id: a.interface.id }, { name: b.interface.dataExchanged, id: b.interface.id }),
  );
  return [
    "## Boundary interfaces",
    "",
    "| Inside | Outside | Data exchanged | Direction | Protection |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      ({ inside, outside, interface: i }) =>
        `| ${inside} | ${outside} | ${inlineText(i.dataExchanged)} | ${DIRECTION_WORDS[i.direction]} | ${isBlank(i.protection) ? "_not described_" : inlineText(i.protection as string)} |`,
    ),
  ];
}

/**
 * The integrated scope and boundaries document (6.5) as Markdown: the narrative, then what each
 * boundary contains, what is left out and why, and what crosses the boundary. Generated, never
 * typed, so it cannot drift from the registers; the same data always gives the same text.
 */
export function assembleScopeStatement(data: ScopeData, organization: string): string {
  const byId = new Map(data.elements.map((e) => [e.id, e]));
  const narrative = isBlank(data.narrative)
    ? "_The narrative has not been written yet._"
    : (data.narrative as string).replace(/\r\n?/g, "\n").trim();
  const sections = [
    [`# ISMS scope and boundaries: ${inlineText(organization)}`],
    ["## Overview", "", narrative],
    ...(Object.keys(SCOPE_AREAS) as ScopeArea[]).map((area) => areaSection(area, data.elements, byId)),
    exclusionsSection(data.elements),
    interfacesSection(data.interfaces, byId),
  ];
  return `${sections.map((s) => s.join("\n")).join("\n\n")}\n`;
}

export interface DiffLine {
  op: "same" | "added" | "removed";
  text: string;
}

/** Beyond this many changed lines the changed block is shown whole: Myers' trace grows with the square of the edits. */
const MAX_EDITS = 1000;

/** A line diff of two versions of a document (Myers' algorithm, shortest edit script). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (text: string): DiffLine => ({ op: "same", text });
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB) ?? [
    ...middleA.map((text): DiffLine => ({ op: "removed", text })),
    ...middleB.map((text): DiffLine => ({ op: "added", text })),
  ];
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

function shortestEdit(a: readonly string[], b: readonly string[]): DiffLine[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  // v[k + offset]: the furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
      let x = down ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[prevK + offset]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: "same", text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) out.push(x === prevX ? { op: "added", text: b[y - 1]! } : { op: "removed", text: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}
