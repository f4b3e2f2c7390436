import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalogText } from "../process/catalog.js";
import { emptyProcessData, isBlank, type ProcessData } from "../process/data.js";
import { evaluate } from "../process/engine.js";
import { completePhase1 } from "../process/examples.js";
import { RULE_NAMES, RULES, type RuleResult } from "../process/rules.js";
import {
  type BoundaryInterface,
  createsCycle,
  INTERFACE_DIRECTIONS,
  PARENT_KINDS,
  parentKindProblem,
  SCOPE_AREAS,
  SCOPE_ELEMENT_KINDS,
  type ScopeData,
  type ScopeElement,
} from "./data.js";
import { completeScope } from "./examples.js";
import { INTERFACES_REGISTER, SCOPE_DOCUMENT_REGISTER, SCOPE_RULES } from "./rules.js";

const withScope = (scope: ScopeData | undefined): ProcessData => ({ ...emptyProcessData(), scope });
const run = (rule: string, scope: ScopeData | undefined): RuleResult => SCOPE_RULES[rule]!(withScope(scope));
const messages = (result: RuleResult) => result.checks.flatMap((c) => c.missing.map((m) => m.message));
const failing = (result: RuleResult) => result.checks.filter((c) => !c.ok).map((c) => c.id);

const edit = (change: (scope: ScopeData) => void): ScopeData => {
  const scope = completeScope();
  change(scope);
  return scope;
};
const element = (scope: ScopeData, id: string) => scope.elements.find((e) => e.id === id)!;

describe("scope completion rules", () => {
  it("name exactly the catalog's rules for 6.2 to 6.5, which until now were placeholders", () => {
    expect(Object.keys(SCOPE_RULES).sort()).toEqual(
      ["ict-scope-defined", "organizational-scope-defined", "physical-scope-defined", "scope-document-written"].sort(),
    );
    for (const name of Object.keys(SCOPE_RULES)) expect(RULE_NAMES.has(name)).toBe(true);
  });

  it("all hold for a complete scope, and none holds or counts as started when nothing is recorded", () => {
    for (const name of Object.keys(SCOPE_RULES)) {
      expect(failing(run(name, completeScope())), name).toEqual([]);
      for (const scope of [undefined, { elements: [], interfaces: [], narrative: " " }]) {
        const result = run(name, scope);
        expect(result.started, name).toBe(false);
        expect(failing(result).length, name).toBeGreaterThan(0);
      }
    }
  });

  it("6.2 wants a unit in scope, justified exclusions of units and processes, and names what is missing", () => {
    const noUnit = edit((s) => {
      s.elements = s.elements.filter((e) => e.kind !== "org_unit" || !e.inScope);
      s.interfaces = [];
      element(s, "proc-orders").parentId = null;
    });
    expect(failing(run("organizational-scope-defined", noUnit))).toEqual(["org_unit-in-scope"]);
    expect(run("organizational-scope-defined", noUnit).started).toBe(true);

    const unjustified = edit((s) => {
      element(s, "unit-retail").exclusionJustification = "  ";
      element(s, "proc-orders").inScope = false;
      s.interfaces = [];
    });
    const result = run("organizational-scope-defined", unjustified);
    expect(messages(result)).toEqual([
      'Explain why the organizational unit "Retail stores" is excluded from the scope.',
      'Explain why the business process "Order handling" is excluded from the scope.',
    ]);
    expect(result.checks.find((c) => c.id === "organizational-exclusions-justified")!.missing.map((m) => m.link)).toEqual([
      { register: "scope-units", id: "unit-retail" },
      { register: "scope-units", id: "proc-orders" },
    ]);
    // An unjustified exclusion elsewhere is the other boundaries' business.
    const cloud = edit((s) => {
      element(s, "cloud-pay").exclusionJustification = null;
    });
    expect(failing(run("organizational-scope-defined", cloud))).toEqual([]);
  });

  it("6.2 refuses interfaces that do not cross the boundary, saying which and why", () => {
    const broken = edit((s) => {
      const base = { direction: "outbound" as const, protection: null };
      s.interfaces = [
        { ...base, id: "i1", fromElementId: "unit-retail", toElementId: null, toParty: "Bank", dataExchanged: "Payroll" },
        { ...base, id: "i2", fromElementId: "sys-shop", toElementId: "net-office", toParty: null, dataExchanged: "Logs" },
        { ...base, id: "i3", fromElementId: "sys-shop", toElementId: null, toParty: " ", dataExchanged: "Orders" },
        { ...base, id: "i4", fromElementId: "sys-shop", toElementId: "cloud-pay", toParty: "Bank", dataExchanged: "Refunds" },
        { ...base, id: "i5", fromElementId: "gone", toElementId: "also-gone", toParty: null, dataExchanged: "Stock" },
      ];
    });
    const check = run("organizational-scope-defined", broken).checks.find((c) => c.id === "interfaces-cross-boundary")!;
    expect(check.missing.map((m) => m.message)).toEqual([
      'The boundary interface exchanging "Payroll" from the organizational unit "Retail stores" to "Bank" starts outside the scope, because the organizational unit "Retail stores" is excluded.',
      'The boundary interface exchanging "Logs" from the information system "Web shop" to the network "Office LAN" does not cross the boundary, because the network "Office LAN" is inside the scope.',
      'The boundary interface exchanging "Orders" from the information system "Web shop" leads nowhere: name the outside element or party it connects to.',
      'The boundary interface exchanging "Refunds" from the information system "Web shop" to the cloud service "Payment gateway" names both an outside element and an outside party: keep one.',
      'The boundary interface exchanging "Stock" has no inside end: its element no longer exists.',
      'The boundary interface exchanging "Stock" leads to an element that no longer exists.',
    ]);
    expect(check.missing.map((m) => m.link)).toEqual(
      ["i1", "i2", "i3", "i4", "i5", "i5"].map((id) => ({ register: INTERFACES_REGISTER, id })),
    );
  });

  it("6.3 wants an information system in scope and an owner for everything technical in scope", () => {
    const result = run(
      "ict-scope-defined",
      edit((s) => {
        element(s, "sys-shop").inScope = false;
        element(s, "sys-shop").exclusionJustification = "Run by the group";
        element(s, "net-office").owner = "";
        s.elements.push({ ...element(s, "net-office"), id: "plat-k8s", kind: "platform", name: "Kubernetes", owner: null });
        element(s, "cloud-pay").exclusionJustification = null;
      }),
    );
    expect(failing(result)).toEqual(["information_system-in-scope", "ict-owners", "ict-exclusions-justified"]);
    expect(messages(result)).toEqual([
      "Record at least one information system inside the ISMS scope.",
      'Name the owner of the network "Office LAN".',
      'Name the owner of the platform "Kubernetes".',
      'Explain why the cloud service "Payment gateway" is excluded from the scope.',
    ]);
    expect(result.checks[1]!.missing[1]!.link).toEqual({ register: "scope-systems", id: "plat-k8s" });
  });

  it("6.3 does not ask for owners of what is excluded", () => {
    expect(failing(run("ict-scope-defined", completeScope()))).toEqual([]);
    expect(element(completeScope(), "cloud-pay").owner).toBeNull();
  });

  it("6.4 wants a site in scope and justified exclusions of sites, buildings and rooms", () => {
    const result = run(
      "physical-scope-defined",
      edit((s) => {
        element(s, "site-hq").inScope = false;
        element(s, "room-server").inScope = false;
      }),
    );
    expect(messages(result)).toEqual([
      "Record at least one site inside the ISMS scope.",
      'Explain why the site "Head office" is excluded from the scope.',
      'Explain why the room "Server room" is excluded from the scope.',
    ]);
    expect(result.checks[0]!.missing[0]!.link).toEqual({ register: "scope-sites" });
  });

  it("6.5 wants the narrative written", () => {
    const result = run(
      "scope-document-written",
      edit((s) => {
        s.narrative = "\n\t ";
      }),
    );
    expect(result.started).toBe(false);
    expect(result.checks[0]!.missing[0]!.link).toEqual({ register: SCOPE_DOCUMENT_REGISTER });
  });
});

describe("scope rules, for any data", () => {
  const ids = ["a", "b", "c", "d", "e", "f"];
  const text = fc.oneof(fc.constant(null), fc.constantFrom("", " ", "Written", "Owner"));
  const elementArb: fc.Arbitrary<ScopeElement> = fc.record({
    id: fc.constantFrom(...ids),
    kind: fc.constantFrom(...SCOPE_ELEMENT_KINDS),
    parentId: fc.oneof(fc.constant(null), fc.constantFrom(...ids)),
    name: fc.string({ maxLength: 8 }),
    description: text,
    owner: text,
    inScope: fc.boolean(),
    exclusionJustification: text,
  });
  const interfaceArb: fc.Arbitrary<BoundaryInterface> = fc.record({
    id: fc.uuid(),
    fromElementId: fc.constantFrom(...ids, "missing"),
    toElementId: fc.oneof(fc.constant(null), fc.constantFrom(...ids, "missing")),
    toParty: text,
    dataExchanged: fc.string({ maxLength: 8 }),
    direction: fc.constantFrom(...INTERFACE_DIRECTIONS),
    protection: text,
  });
  const scopeArb: fc.Arbitrary<ScopeData> = fc.record({
    elements: fc.uniqueArray(elementArb, { selector: (e) => e.id, maxLength: ids.length }),
    interfaces: fc.array(interfaceArb, { maxLength: 4 }),
    narrative: text,
  });

  /** The rules restated as plain predicates, to check the implementation against. */
  function oracle(scope: ScopeData): Record<string, boolean> {
    const byId = new Map(scope.elements.map((e) => [e.id, e]));
    const of = (area: keyof typeof SCOPE_AREAS) => scope.elements.filter((e) => SCOPE_AREAS[area].kinds.includes(e.kind));
    const justified = (list: ScopeElement[]) => list.every((e) => e.inScope || !isBlank(e.exclusionJustification));
    const crosses = (i: BoundaryInterface) => {
      const from = byId.get(i.fromElementId);
      const to = i.toElementId === null ? null : byId.get(i.toElementId);
      const outside = i.toElementId === null ? !isBlank(i.toParty) : isBlank(i.toParty) && to?.inScope === false;
      return from?.inScope === true && outside;
    };
    return {
      "organizational-scope-defined":
        of("organizational").some((e) => e.kind === "org_unit" && e.inScope) &&
        justified(of("organizational")) &&
        scope.interfaces.every(crosses),
      "ict-scope-defined":
        of("ict").some((e) => e.kind === "information_system" && e.inScope) &&
        of("ict").every((e) => !e.inScope || !isBlank(e.owner)) &&
        justified(of("ict")),
      "physical-scope-defined": of("physical").some((e) => e.kind === "site" && e.inScope) && justified(of("physical")),
      "scope-document-written": !isBlank(scope.narrative),
    };
  }

  it("hold exactly when the plainly stated conditions do", () => {
    fc.assert(
      fc.property(scopeArb, (scope) => {
        const expected = oracle(scope);
        for (const [name, rule] of Object.entries(SCOPE_RULES)) {
          expect(failing(rule(withScope(scope))).length === 0, name).toBe(expected[name]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("link every problem to the register where it is fixed, and to the offending record when there is one", () => {
    const registers = new Set([...Object.values(SCOPE_AREAS).map((a) => a.register), INTERFACES_REGISTER, SCOPE_DOCUMENT_REGISTER]);
    fc.assert(
      fc.property(scopeArb, (scope) => {
        const known = new Set([...scope.elements.map((e) => e.id), ...scope.interfaces.map((i) => i.id)]);
        for (const rule of Object.values(SCOPE_RULES)) {
          for (const item of rule(withScope(scope)).checks.flatMap((c) => c.missing)) {
            expect(registers.has(item.link.register)).toBe(true);
            if (item.link.id !== undefined) expect(known.has(item.link.id)).toBe(true);
          }
        }
      }),
    );
  });

  it("do not depend on the order in which records were read", () => {
    fc.assert(
      fc.property(scopeArb, fc.boolean(), (scope, reverse) => {
        const shuffled = {
          ...scope,
          elements: reverse ? [...scope.elements].reverse() : scope.elements,
          interfaces: [...scope.interfaces].reverse(),
        };
        for (const rule of Object.values(SCOPE_RULES)) {
          const a = rule(withScope(scope));
          const b = rule(withScope(shuffled));
          expect(b.started).toBe(a.started);
          expect(b.checks.map((c) => [c.id, c.ok, [...c.missing.map((m) => m.message)].sort()])).toEqual(
            a.checks.map((c) => [c.id, c.ok, [...c.missing.map((m) => m.message)].sort()]),
          );
        }
      }),
    );
  });
});

describe("where elements may sit", () => {
  it("allows units in units, processes in units, buildings on sites and rooms in buildings, and nothing else", () => {
    for (const kind of SCOPE_ELEMENT_KINDS) {
      for (const parent of SCOPE_ELEMENT_KINDS) {
        const problem = parentKindProblem(kind, { kind: parent, name: "P" });
        expect(problem === null, `${kind} in ${parent}`).toBe(PARENT_KINDS[kind].includes(parent));
      }
    }
    expect(parentKindProblem("room", { kind: "site", name: "Campus" })).toBe('a room can only sit in a building, and "Campus" is a site');
    expect(parentKindProblem("network", { kind: "site", name: "Campus" })).toBe("a network is not placed inside another element");
  });

  it("finds the loop a new parent would close, and only then", () => {
    const parentOf = new Map<string, string | null>([
      ["b", "a"],
      ["c", "b"],
      ["d", null],
    ]);
    expect(createsCycle("a", "c", parentOf)).toBe(true);
    expect(createsCycle("a", "a", parentOf)).toBe(true);
    expect(createsCycle("c", "a", parentOf)).toBe(false);
    expect(createsCycle("a", "d", parentOf)).toBe(false);
    // A loop that is already there is not walked forever.
    expect(
      createsCycle(
        "z",
        "x",
        new Map([
          ["x", "y"],
          ["y", "x"],
        ]),
      ),
    ).toBe(true);
  });

  it("agrees with walking the tree, for any forest and any move", () => {
    const nodes = ["a", "b", "c", "d", "e"];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(null), fc.constantFrom(...nodes)), { minLength: nodes.length, maxLength: nodes.length }),
        fc.constantFrom(...nodes),
        fc.constantFrom(...nodes),
        (parents, node, newParent) => {
          // Only acyclic starting points: a parent must come earlier in the list.
          const parentOf = new Map(nodes.map((n, i) => [n, parents[i] !== null && nodes.indexOf(parents[i]!) < i ? parents[i]! : null]));
          const ancestorsOfNewParent: string[] = [];
          for (let at: string | null = newParent; at !== null; at = parentOf.get(at) ?? null) ancestorsOfNewParent.push(at);
          expect(createsCycle(node, newParent, parentOf)).toBe(ancestorsOfNewParent.includes(node));
        },
      ),
    );
  });
});

describe("the roadmap with the scope rules", () => {
  const result = loadCatalogText(
    readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"),
    "yaml",
    RULE_NAMES,
  );
  if (!result.ok) throw new Error(result.problems.join("\n"));
  const catalog = result.catalog;
  const rules = { ...RULES, ...SCOPE_RULES };
  const afterG1 = (scope: ScopeData | undefined): ProcessData => ({
    ...emptyProcessData(),
    phase1: completePhase1(),
    gates: { G1: "approved" },
    scope,
  });
  const statuses = (data: ProcessData) =>
    Object.fromEntries(
      evaluate(catalog, data, rules)
        .activities.filter((a) => ["6.2", "6.3", "6.4", "6.5", "6.6"].includes(a.id))
        .map((a) => [a.id, a.status]),
    );

  it("completes 6.2 to 6.5 once the scope is recorded, and lets 6.6 start", () => {
    expect(statuses(afterG1(completeScope()))).toEqual({
      "6.2": "complete",
      "6.3": "complete",
      "6.4": "complete",
      "6.5": "complete",
      "6.6": expect.not.stringMatching(/blocked/),
    });
  });

  it("starts with 6.2 ready and the rest of the scope blocked behind it", () => {
    expect(statuses(afterG1(undefined))).toMatchObject({ "6.2": "ready", "6.3": "blocked", "6.4": "blocked", "6.5": "blocked" });
  });

  it("keeps the document blocked while an exclusion is unjustified, and says which one", () => {
    const data = afterG1(
      edit((s) => {
        element(s, "cloud-pay").exclusionJustification = null;
      }),
    );
    expect(statuses(data)).toMatchObject({ "6.2": "complete", "6.3": "in_progress", "6.4": "blocked", "6.5": "blocked" });
    const a63 = evaluate(catalog, data, rules).activities.find((a) => a.id === "6.3")!;
    expect(a63.reasons).toEqual(['Explain why the cloud service "Payment gateway" is excluded from the scope.']);
  });

  it("waits for gate G1 before any of it counts", () => {
    expect(statuses({ ...afterG1(completeScope()), gates: {} })).toMatchObject({ "6.2": "blocked", "6.5": "blocked" });
  });
});
