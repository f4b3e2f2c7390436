import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeSoa, RISKS_LISTED, type SoaControl, type SoaEntry, soaDecisions, summarizeSoa } from "./soa.js";

const control = (id: string): SoaControl => ({ id, source: "annex-a", ref: id, title: `Control ${id}`, group: "technological" });
const entry = (over: Partial<SoaEntry>): SoaEntry => ({
  decision: null,
  justification: null,
  implementation: "not_started",
  owner: null,
  requirementIds: [],
  version: 1,
  ...over,
});
const risk = (n: number) => ({ id: `r${n}`, ref: `R-${String(n).padStart(4, "0")}`, title: `Risk ${n}` });
/** How the repository hands over a control's risks: the count, the first ones and a fingerprint of all. */
const linked = (first: ReturnType<typeof risk>[], count = first.length) => ({ count, first, fingerprint: `${count}:${count * 31}` });

describe("the Statement of Applicability", () => {
  const controls = ["A.5.1", "A.7.4", "A.8.5", "A.5.31", "A.8.1"].map(control);
  const rows = computeSoa({
    controls,
    entries: new Map([
      ["A.5.1", entry({ decision: "include", justification: "Policies are the base of everything" })],
      ["A.7.4", entry({ decision: "exclude", justification: "We have no premises" })],
      ["A.5.31", entry({ requirementIds: ["req-1"] })],
    ]),
    risksByControl: new Map([["A.8.5", linked([risk(1), risk(2)])]]),
    requirements: new Map([["req-1", { id: "req-1", title: "GDPR", kind: "obligation" as const }]]),
  });
  const byId = new Map(rows.map((r) => [r.control.id, r]));

  it("includes a control a treatment uses, justified by the risks", () => {
    expect(byId.get("A.8.5")).toMatchObject({ applicable: true, basis: "risks", riskCount: 2, problems: [] });
    expect(byId.get("A.8.5")?.justification).toBe("Selected to treat 2 risks R-0001, R-0002.");
  });

  it("includes a control a requirement calls for, and one included with a note", () => {
    expect(byId.get("A.5.31")).toMatchObject({ applicable: true, basis: "requirements", justification: 'Required by "GDPR".' });
    expect(byId.get("A.5.1")).toMatchObject({ applicable: true, basis: "decision", justification: "Policies are the base of everything" });
  });

  it("excludes only with the recorded justification, and leaves the rest undecided with a problem", () => {
    expect(byId.get("A.7.4")).toMatchObject({ applicable: false, basis: "excluded", justification: "We have no premises", problems: [] });
    expect(byId.get("A.8.1")).toMatchObject({ applicable: null, basis: "undecided" });
    expect(byId.get("A.8.1")?.problems).toHaveLength(1);
    expect(summarizeSoa(rows)).toEqual({ controls: 5, applicable: 3, excluded: 1, undecided: 1, implemented: 0, problems: 1 });
  });

  it("flags an exclusion a risk treatment contradicts", () => {
    const [row] = computeSoa({
      controls: [control("A.8.5")],
      entries: new Map([["A.8.5", entry({ decision: "exclude", justification: "x" })]]),
      risksByControl: new Map([["A.8.5", linked([risk(7)])]]),
      requirements: new Map(),
    });
    expect(row?.problems).toEqual(["Excluded, yet the treatment of R-0007 uses it."]);
  });

  it("lists a bounded number of risks but counts them all, and the decisions change when a risk is added", () => {
    const many = Array.from({ length: 40 }, (_, i) => risk(i + 1));
    const compute = (risks: typeof many) =>
      computeSoa({
        controls: [control("A.8.5")],
        entries: new Map(),
        risksByControl: new Map([["A.8.5", linked(risks.slice(0, RISKS_LISTED), risks.length)]]),
        requirements: new Map(),
      });
    const [row] = compute(many);
    expect(row?.risks).toHaveLength(RISKS_LISTED);
    expect(row?.riskCount).toBe(40);
    expect(row?.justification).toContain("and 35 more");
    expect(soaDecisions(compute(many))).not.toEqual(soaDecisions(compute([...many, risk(41)])));
  });

  it("leaves implementation progress out of what a version is bound to (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("not_started", "planned", "partial", "implemented" as const), (implementation) => {
        const compute = (impl: SoaEntry["implementation"]) =>
          computeSoa({
            controls: [control("A.5.1")],
            entries: new Map([["A.5.1", entry({ decision: "include", justification: "note", implementation: impl })]]),
            risksByControl: new Map(),
            requirements: new Map(),
          });
        expect(soaDecisions(compute(implementation))).toEqual(soaDecisions(compute("not_started")));
      }),
    );
  });
});
