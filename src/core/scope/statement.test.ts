import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTERFACE_DIRECTIONS, SCOPE_ELEMENT_KINDS, type ScopeData, type ScopeElement } from "./data.js";
import { completeScope } from "./examples.js";
import { assembleScopeStatement, type DiffLine, diffLines, inlineText } from "./statement.js";

const EXPECTED = `# ISMS scope and boundaries: Acme

## Overview

The ISMS covers the online shop: the teams that build and run it, its systems, and the head office they work from.

## Organizational scope

- **E-commerce** (organizational unit; owner: Head of E-commerce)
  - **Shop operations** (organizational unit): Runs the shop day to day
  - **Order handling** (business process; owner: Shop operations lead)

## ICT scope

- **Web shop** (information system; owner: Head of E-commerce): Storefront and checkout
- **Office LAN** (network; owner: IT operations)

## Physical scope

- **Head office** (site; owner: Facilities)
  - **Main building** (building)
    - **Server room** (room; owner: IT operations): Two racks

## Exclusions

| Element | Kind | Justification |
| --- | --- | --- |
| Retail stores | organizational unit | Run by a franchise partner under its own security programme. |
| Payment gateway | cloud service | Operated and certified by the payment provider. |

## Boundary interfaces

| Inside | Outside | Data exchanged | Direction | Protection |
| --- | --- | --- | --- | --- |
| Order handling (business process) | Parcel carrier (outside party) | Delivery addresses | out of the scope | _not described_ |
| Web shop (information system) | Payment gateway (cloud service) | Card payment requests | both ways | TLS 1.3, tokenised card data |
`;

describe("the scope statement", () => {
  it("assembles the narrative, the three boundaries as trees, the exclusions and the interfaces", () => {
    expect(assembleScopeStatement(completeScope(), "Acme")).toBe(EXPECTED);
  });

  it("says plainly what is not recorded yet", () => {
    const md = assembleScopeStatement({ elements: [], interfaces: [], narrative: null }, "Acme");
    expect(md).toContain("## Overview\n\n_The narrative has not been written yet._");
    expect(md.match(/_Nothing is recorded inside this boundary yet\._/g)).toHaveLength(3);
    expect(md).toContain("_Nothing is excluded._");
    expect(md).toContain("_No interfaces across the boundary are recorded._");
  });

  it("places an element whose container is excluded at the top, saying what it is part of", () => {
    const scope = completeScope();
    scope.elements.find((e) => e.id === "bld-main")!.inScope = false;
    const md = assembleScopeStatement(scope, "Acme");
    expect(md).toContain(
      "- **Head office** (site; owner: Facilities)\n- **Server room** (room; part of Main building, which is outside the scope; owner: IT operations): Two racks",
    );
    expect(md).toContain("| Main building | building | _not justified yet_ |");
  });

  it("keeps people's text from breaking the document", () => {
    const scope = completeScope();
    scope.elements[0]!.name = "R&D | *Labs*\n# not a heading";
    scope.narrative = "Line one\r\n\r\nLine two";
    const md = assembleScopeStatement(scope, "Acme");
    expect(md).toContain("- **R&D \\| \\*Labs\\* # not a heading** (organizational unit; owner: Head of E-commerce)");
    expect(md).toContain("Line one\n\nLine two");
    expect(md).not.toContain("\r");
  });
});

describe("the scope statement, for any data", () => {
  const ids = ["a", "b", "c", "d", "e"];
  const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }));
  const elementArb: fc.Arbitrary<ScopeElement> = fc.record({
    id: fc.constantFrom(...ids),
    kind: fc.constantFrom(...SCOPE_ELEMENT_KINDS),
    parentId: fc.oneof(fc.constant(null), fc.constantFrom(...ids)),
    name: fc.string({ minLength: 1, maxLength: 12 }),
    description: text,
    owner: text,
    inScope: fc.boolean(),
    exclusionJustification: text,
  });
  const scopeArb: fc.Arbitrary<ScopeData> = fc.record({
    elements: fc.uniqueArray(elementArb, { selector: (e) => e.id, maxLength: ids.length }),
    interfaces: fc.array(
      fc.record({
        id: fc.uuid(),
        fromElementId: fc.constantFrom(...ids, "missing"),
        toElementId: fc.oneof(fc.constant(null), fc.constantFrom(...ids)),
        toParty: text,
        dataExchanged: fc.string({ maxLength: 12 }),
        direction: fc.constantFrom(...INTERFACE_DIRECTIONS),
        protection: text,
      }),
      { maxLength: 4 },
    ),
    narrative: text,
  });

  it("is the same text whatever order the records were read in, and terminates even on a looped tree", () => {
    fc.assert(
      fc.property(scopeArb, (scope) => {
        const reversed = { ...scope, elements: [...scope.elements].reverse(), interfaces: [...scope.interfaces].reverse() };
        expect(assembleScopeStatement(reversed, "Org")).toBe(assembleScopeStatement(scope, "Org"));
      }),
      { numRuns: 300 },
    );
  });

  it("lists every element in scope once and every exclusion in the table, and every interface as one table row", () => {
    fc.assert(
      fc.property(scopeArb, (scope) => {
        const md = assembleScopeStatement(scope, "Org");
        const section = (from: string, to: string | null) => {
          const rest = md.split(`\n## ${from}\n`)[1]!;
          return (to === null ? rest : rest.split(`\n## ${to}\n`)[0]!).split("\n");
        };
        const items = section("Organizational scope", "Exclusions").filter((l) => /^\s*- \*\*/.test(l));
        expect(items).toHaveLength(scope.elements.filter((e) => e.inScope).length);
        for (const e of scope.elements.filter((x) => x.inScope)) {
          expect(items.some((l) => l.includes(`**${inlineText(e.name)}** (`))).toBe(true);
        }
        const cells = (row: string) => row.split(/(?<!\\)\|/).length - 2;
        const rows = (lines: string[]) => lines.filter((l) => l.startsWith("| ")).slice(2);
        const exclusions = rows(section("Exclusions", "Boundary interfaces"));
        expect(exclusions).toHaveLength(scope.elements.filter((e) => !e.inScope).length);
        // No stray pipe from people's text splits a cell.
        for (const row of exclusions) expect(cells(row)).toBe(3);
        const interfaces = rows(section("Boundary interfaces", null));
        expect(interfaces).toHaveLength(scope.interfaces.length);
        for (const row of interfaces) expect(cells(row)).toBe(5);
      }),
      { numRuns: 300 },
    );
  });

  it("reduces any text to one line in which Markdown's special characters are escaped", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const out = inlineText(raw);
        expect(out).not.toMatch(/[\r\n]/);
        expect(out.replace(/\\[\\`*_[\]<>|~]/g, "")).not.toMatch(/[\\`*_[\]<>|~]/);
        expect(out.replace(/\\(.)/g, "$1")).toBe(raw.replace(/\s+/g, " ").trim());
      }),
    );
  });
});

describe("line diff", () => {
  const side = (lines: DiffLine[], keep: "removed" | "added") => lines.filter((l) => l.op === "same" || l.op === keep).map((l) => l.text);

  /** The length of the longest common subsequence: what a shortest edit script keeps unchanged. */
  function lcs(a: string[], b: string[]): number {
    const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    return table[a.length]![b.length]!;
  }

  it("shows a changed line as removed then added, between unchanged ones", () => {
    expect(diffLines("a\nb\nc", "a\nx\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "added", text: "x" },
      { op: "same", text: "c" },
      { op: "added", text: "d" },
    ]);
    expect(diffLines("same", "same")).toEqual([{ op: "same", text: "same" }]);
  });

  it("rebuilds both sides and keeps as many lines as possible unchanged", () => {
    const doc = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 14 }).map((l) => l.join("\n"));
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        const diff = diffLines(before, after);
        expect(side(diff, "removed").join("\n")).toBe(before);
        expect(side(diff, "added").join("\n")).toBe(after);
        expect(diff.filter((l) => l.op === "same")).toHaveLength(lcs(before.split("\n"), after.split("\n")));
      }),
      { numRuns: 500 },
    );
  });

  it("still rebuilds both sides when too much changed for a shortest script", () => {
    const before = Array.from({ length: 1500 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 1500 }, (_, i) => `new ${i}`).join("\n");
    const diff = diffLines(`top\n${before}\nbottom`, `top\n${after}\nbottom`);
    expect(side(diff, "removed").join("\n")).toBe(`top\n${before}\nbottom`);
    expect(side(diff, "added").join("\n")).toBe(`top\n${after}\nbottom`);
    expect(diff[0]).toEqual({ op: "same", text: "top" });
    expect(diff.at(-1)).toEqual({ op: "same", text: "bottom" });
  });
});
