import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ASSET_RULES } from "../assets/rules.js";
import { SCOPE_RULES } from "../scope/rules.js";
import { emptyProcessData, type Phase1Data, type ProcessData } from "./data.js";
import { completePhase1 } from "./examples.js";
import { COMPLETION_FIELDS, combineRules, REGISTER_NOT_AVAILABLE, RULE_NAMES, RULES } from "./rules.js";

const PHASE1_RULES = [
  "priorities-clarified",
  "preliminary-scope-defined",
  "project-roles-assigned",
  "business-case-complete",
  "project-plan-drafted",
];

function withPhase1(change: (p: Phase1Data) => void): ProcessData {
  const data = { ...emptyProcessData(), phase1: completePhase1() };
  change(data.phase1);
  return data;
}

const run = (name: string, data: ProcessData) => RULES[name]!(data);
const failing = (name: string, data: ProcessData) =>
  run(name, data)
    .checks.filter((c) => !c.ok)
    .map((c) => c.id);

describe("the fields completion needs, as the forms mark them (issue 11, item 3)", () => {
  it("a milestone missing any field the forms mark fails the plan's rule naming that field", () => {
    for (const { field, label } of COMPLETION_FIELDS.milestones ?? []) {
      const data = withPhase1((p) => {
        (p.milestones[0] as Record<string, unknown>)[field] = null;
      });
      const messages = run("project-plan-drafted", data).checks.flatMap((c) => c.missing.map((m) => m.message));
      expect(messages.some((m) => m.includes(label))).toBe(true);
    }
  });

  it("an empty plan never counts as done", () => {
    expect(
      failing(
        "project-plan-drafted",
        withPhase1((p) => p.milestones.splice(0)),
      ),
    ).toContain("milestones");
  });
});

describe("phase-1 completion rules", () => {
  it("nothing recorded: some check fails and nothing counts as started", () => {
    for (const name of PHASE1_RULES) {
      const result = run(name, emptyProcessData());
      expect(result.started, name).toBe(false);
      expect(result.checks.length, name).toBeGreaterThan(0);
      expect(
        result.checks.some((c) => !c.ok),
        name,
      ).toBe(true);
    }
  });

  it("5.2 needs an objective, an obligation and a written priorities statement", () => {
    expect(
      failing(
        "priorities-clarified",
        withPhase1((p) => (p.objectives = [])),
      ),
    ).toEqual(["objectives"]);
    expect(
      failing(
        "priorities-clarified",
        withPhase1((p) => (p.obligations = [])),
      ),
    ).toEqual(["obligations"]);
    expect(
      failing(
        "priorities-clarified",
        withPhase1((p) => (p.priorities.statement = "  \n")),
      ),
    ).toEqual(["priorities-statement"]);
    const onlyExisting = withPhase1((p) => {
      p.objectives = [];
      p.obligations = [];
      p.priorities = { statement: null, existingSystems: "ISO 9001" };
    });
    expect(run("priorities-clarified", onlyExisting).started).toBe(true);
  });

  it("5.3.1 needs a statement and a named unit or site; blank names do not count", () => {
    expect(
      failing(
        "preliminary-scope-defined",
        withPhase1((p) => (p.preliminaryScope.statement = null)),
      ),
    ).toEqual(["scope-statement"]);
    const blankNames = withPhase1((p) => {
      p.preliminaryScope.units = [" "];
      p.preliminaryScope.sites = [""];
    });
    expect(failing("preliminary-scope-defined", blankNames)).toEqual(["scope-units-or-sites"]);
    expect(
      failing(
        "preliminary-scope-defined",
        withPhase1((p) => (p.preliminaryScope.units = [])),
      ),
    ).toEqual([]);
  });

  it("5.3.2 needs a named sponsor and project lead, even when the data does not list them", () => {
    const result = run(
      "project-roles-assigned",
      withPhase1((p) => (p.projectRoles = [])),
    );
    expect(result.checks.map((c) => [c.id, c.ok])).toEqual([
      ["project-role:sponsor", false],
      ["project-role:project_lead", false],
    ]);
    expect(result.checks[0]!.missing).toEqual([
      { message: "Name the person who acts as Sponsor.", link: { register: "project-roles", id: "sponsor" } },
    ]);
    const lead = withPhase1((p) => (p.projectRoles[1]!.personName = " "));
    expect(failing("project-roles-assigned", lead)).toEqual(["project-role:project_lead"]);
    const extraRequired = withPhase1((p) => p.projectRoles.push({ key: "ciso", title: "CISO", personName: null, required: true }));
    expect(failing("project-roles-assigned", extraRequired)).toEqual(["project-role:ciso"]);
  });

  it("5.4 needs every business-case text, a positive cost line, and scheduled, owned milestones", () => {
    const noBenefits = withPhase1((p) => {
      p.businessCase.benefits = "";
      p.businessCase.timeline = null;
    });
    expect(run("business-case-complete", noBenefits).checks[0]!.missing.map((m) => m.link.id)).toEqual(["benefits", "timeline"]);
    const zeroCost = withPhase1((p) => (p.businessCase.costs = [{ id: "c", label: "Nothing", amount: 0, currency: "EUR" }]));
    expect(failing("business-case-complete", zeroCost)).toEqual(["business-case-costs"]);
    expect(
      failing(
        "project-plan-drafted",
        withPhase1((p) => (p.milestones = [])),
      ),
    ).toEqual(["milestones"]);
    const unscheduled = withPhase1((p) => p.milestones.push({ id: "ms-2", title: "Go live", dueDate: null, owner: " " }));
    const check = run("project-plan-drafted", unscheduled).checks.find((c) => c.id === "milestones-scheduled")!;
    expect(check.missing).toEqual([
      { message: 'Milestone "Go live" needs a due date and an owner.', link: { register: "milestones", id: "ms-2" } },
    ]);
  });

  it("later activities never pass and report themselves in progress until their register exists", () => {
    const later = [...RULE_NAMES].filter((n) => !PHASE1_RULES.includes(n));
    expect(later.length).toBe(21);
    for (const name of later) {
      const result = run(
        name,
        withPhase1(() => {}),
      );
      expect(result.started).toBe(true);
      expect(result.checks).toHaveLength(1);
      expect(result.checks[0]!.ok).toBe(false);
      expect(result.checks[0]!.missing[0]!.message).toBe(REGISTER_NOT_AVAILABLE);
    }
  });

  it("every rule returns at least one check, and a check is ok exactly when nothing is missing", () => {
    const text = fc.option(fc.constantFrom("", " ", "written"), { nil: null });
    const phase1 = fc.record({
      objectives: fc.array(fc.record({ id: fc.string(), title: fc.string() }), { maxLength: 2 }),
      obligations: fc.array(fc.record({ id: fc.string(), title: fc.string(), kind: fc.string(), source: text, owner: text }), {
        maxLength: 2,
      }),
      priorities: fc.record({ statement: text, existingSystems: text }),
      preliminaryScope: fc.record({
        statement: text,
        units: fc.array(fc.constantFrom("", "Sales")),
        sites: fc.array(fc.constantFrom(" ", "HQ")),
      }),
      projectRoles: fc.array(
        fc.record({ key: fc.constantFrom("sponsor", "project_lead", "x"), title: fc.string(), personName: text, required: fc.boolean() }),
      ),
      businessCase: fc.record({
        objectives: text,
        benefits: text,
        costs: fc.array(fc.record({ id: fc.string(), label: fc.string(), amount: fc.double(), currency: fc.constant("EUR") })),
        resources: text,
        timeline: text,
        risksOfNotImplementing: text,
      }),
      milestones: fc.array(fc.record({ id: fc.string(), title: fc.string(), dueDate: text, owner: text })),
    });
    fc.assert(
      fc.property(phase1, (p) => {
        for (const name of RULE_NAMES) {
          const result = run(name, { ...emptyProcessData(), phase1: p });
          expect(result.checks.length).toBeGreaterThan(0);
          for (const c of result.checks) expect(c.ok).toBe(c.missing.length === 0);
        }
      }),
    );
  });
});

describe("combining the areas' rules", () => {
  it("lays each area's rules over the placeholders and keeps phase 1's", () => {
    const combined = combineRules([SCOPE_RULES, ASSET_RULES]);
    expect(Object.keys(combined).sort()).toEqual(
      [...new Set([...RULE_NAMES, ...Object.keys(SCOPE_RULES), ...Object.keys(ASSET_RULES)])].sort(),
    );
    for (const name of Object.keys(ASSET_RULES)) expect(combined[name]).toBe(ASSET_RULES[name]);
    for (const name of PHASE1_RULES) expect(combined[name]).toBe(RULES[name]);
    expect(RULES["asset-inventory-complete"]).not.toBe(ASSET_RULES["asset-inventory-complete"]);
  });

  it("refuses a rule two areas declare", () => {
    expect(() => combineRules([ASSET_RULES, { ...ASSET_RULES }])).toThrow(/asset-inventory-complete.*two areas/);
  });
});
