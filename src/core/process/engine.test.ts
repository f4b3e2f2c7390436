import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Activity, loadCatalogText, type ProcessCatalog, parseCatalog } from "./catalog.js";
import { emptyProcessData, GATE_STATES, type Phase1Data, type ProcessData } from "./data.js";
import { type ActivityResult, evaluate, isDone, type Roadmap } from "./engine.js";
import { completePhase1 } from "./examples.js";
import { REGISTER_NOT_AVAILABLE, RULE_NAMES, type Rule } from "./rules.js";

function shippedCatalog(): ProcessCatalog {
  const result = loadCatalogText(
    readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"),
    "yaml",
    RULE_NAMES,
  );
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.catalog;
}

const CATALOG = shippedCatalog();
const IDS = CATALOG.activities.map((a) => a.id);

const byId = (roadmap: Roadmap, id: string) => roadmap.activities.find((a) => a.id === id)!;
const statuses = (roadmap: Roadmap) => Object.fromEntries(roadmap.activities.map((a) => [a.id, a.status]));
const withPhase1 = (extra: Partial<ProcessData> = {}): ProcessData => ({ ...emptyProcessData(), phase1: completePhase1(), ...extra });

/** Reverses object keys at every depth; arrays keep their order, which is meaningful. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  ) as T;
}

function isSatisfied(result: ActivityResult): boolean {
  return result.status === "not_applicable" || result.status === (result.gate ? "approved" : "complete");
}

const blank = fc.constantFrom("", " ", "\t\n ");
const written = fc.constantFrom("Written.", "Some text");
const maybeText = fc.oneof({ arbitrary: written, weight: 5 }, { arbitrary: blank, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
const justification = fc.oneof(blank, written, fc.string());

const phase1Arb: fc.Arbitrary<Phase1Data> = fc.record({
  objectives: fc.array(fc.record({ id: fc.uuid(), title: fc.string() }), { maxLength: 3 }),
  obligations: fc.array(
    fc.record({ id: fc.uuid(), title: fc.string(), kind: fc.constantFrom("legal", "contractual"), source: maybeText, owner: maybeText }),
    {
      maxLength: 3,
    },
  ),
  priorities: fc.record({ statement: maybeText, existingSystems: maybeText }),
  preliminaryScope: fc.record({
    statement: maybeText,
    units: fc.array(fc.oneof(blank, written), { maxLength: 2 }),
    sites: fc.array(fc.oneof(blank, written), { maxLength: 2 }),
  }),
  projectRoles: fc.array(
    fc.record({
      key: fc.constantFrom("sponsor", "project_lead", "planning_team"),
      title: fc.string(),
      personName: maybeText,
      required: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  businessCase: fc.record({
    objectives: maybeText,
    benefits: maybeText,
    costs: fc.array(
      fc.record({
        id: fc.uuid(),
        label: fc.string(),
        amount: fc.oneof(fc.constant(0), fc.double({ min: -10, max: 1e6, noNaN: true })),
        currency: fc.constant("EUR"),
      }),
      {
        maxLength: 3,
      },
    ),
    resources: maybeText,
    timeline: maybeText,
    risksOfNotImplementing: maybeText,
  }),
  milestones: fc.array(fc.record({ id: fc.uuid(), title: fc.string(), dueDate: maybeText, owner: maybeText }), { maxLength: 3 }),
});

function processDataArb(activityIds: readonly string[], gateIds: readonly string[]): fc.Arbitrary<ProcessData> {
  return fc.record({
    notApplicable: fc.dictionary(fc.constantFrom(...activityIds), fc.record({ justification }), { maxKeys: 3 }),
    gates: fc.dictionary(
      gateIds.length > 0 ? fc.constantFrom(...gateIds, "G-unknown") : fc.constant("G-unknown"),
      fc.constantFrom(...GATE_STATES),
    ),
    phase1: fc.oneof(phase1Arb, fc.constant(completePhase1())),
  });
}

/** Properties every roadmap must have, whatever catalog and data produced it. */
function expectInvariants(catalog: ProcessCatalog, data: ProcessData, roadmap: Roadmap): void {
  const results = new Map(roadmap.activities.map((a) => [a.id, a]));
  const activity = new Map(catalog.activities.map((a) => [a.id, a]));
  for (const result of roadmap.activities) {
    const prerequisites = activity.get(result.id)!.prerequisites.map((p) => results.get(p)!);
    if (prerequisites.some((p) => !isSatisfied(p))) expect(["blocked", "not_applicable"]).toContain(result.status);
    if (result.status === "approved") {
      expect(result.checks.every((c) => c.ok)).toBe(true);
      expect(result.gate?.state).toBe("approved");
    }
    const entry = Object.hasOwn(data.notApplicable, result.id) ? data.notApplicable[result.id] : undefined;
    expect(result.status === "not_applicable").toBe(entry !== undefined && entry.justification.trim() !== "");
    expect(result.satisfied).toBe(isSatisfied(result));
  }
  for (const p of [...roadmap.phases, roadmap.overall]) {
    expect(p.percent).toBeGreaterThanOrEqual(0);
    expect(p.percent).toBeLessThanOrEqual(100);
    expect(p.percent === 100).toBe(p.done === p.total);
  }

  const path = roadmap.criticalPath.activities;
  const unfinished = (id: string) => !isSatisfied(results.get(id)!);
  for (const id of path) expect(unfinished(id)).toBe(true);
  for (let i = 1; i < path.length; i++) expect(activity.get(path[i]!)!.prerequisites).toContain(path[i - 1]);
  const last = catalog.activities.at(-1)!.id;
  if (unfinished(last)) expect(path.at(-1)).toBe(last);
  else expect(path).toEqual([]);
  expect(roadmap.criticalPath.totalDays).toBe(path.reduce((sum, id) => sum + activity.get(id)!.estimatedDays, 0));
}

describe("roadmap engine on the shipped catalog", () => {
  it("empty data: 5.2 is ready and everything else is blocked", () => {
    const roadmap = evaluate(CATALOG, emptyProcessData());
    expect(statuses(roadmap)).toEqual(Object.fromEntries(IDS.map((id) => [id, id === "5.2" ? "ready" : "blocked"])));
    expect(roadmap.nextActions).toEqual([
      {
        id: "5.2",
        title: byId(roadmap, "5.2").title,
        status: "ready",
        message: "Record at least one business objective that information security supports.",
        link: { register: "objectives" },
      },
    ]);
    expect(roadmap.overall).toEqual({ total: 25, done: 0, percent: 0 });
    expect(byId(roadmap, "5.4").reasons.slice(0, 3)).toEqual([
      `Waiting for 5.2 "${byId(roadmap, "5.2").title}", which is not started.`,
      `Waiting for 5.3.1 "${byId(roadmap, "5.3.1").title}", which is blocked.`,
      `Waiting for 5.3.2 "${byId(roadmap, "5.3.2").title}", which is blocked.`,
    ]);
  });

  it("empty data: the critical path is the longest chain of estimated days to 9.5", () => {
    const { criticalPath } = evaluate(CATALOG, emptyProcessData());
    expect(criticalPath.activities).toEqual([
      "5.2",
      "5.3.1",
      "5.3.2",
      "5.4",
      "6.2",
      "6.3",
      "6.4",
      "6.5",
      "6.6",
      "7.2",
      "7.3",
      "7.4",
      "8.2",
      "8.3",
      "8.4",
      "9.2.1",
      "9.3",
      "9.4a",
      "9.4d",
      "9.5",
    ]);
    expect(criticalPath.totalDays).toBe(159);
  });

  it("complete phase 1 with G1 approved: phase 1 is done and 6.2 is next, showing that its register is not available yet", () => {
    const roadmap = evaluate(CATALOG, withPhase1({ gates: { G1: "approved" } }));
    expect(statuses(roadmap)).toMatchObject({
      "5.2": "complete",
      "5.3.1": "complete",
      "5.3.2": "complete",
      "5.4": "approved",
      "6.2": "in_progress",
      "6.3": "blocked",
    });
    const next = byId(roadmap, "6.2");
    expect(next.checks.map((c) => [c.ok, c.missing[0]!.message])).toEqual([[false, REGISTER_NOT_AVAILABLE]]);
    expect(next.reasons).toEqual([REGISTER_NOT_AVAILABLE]);
    expect(roadmap.nextActions.map((a) => [a.id, a.message])).toEqual([["6.2", REGISTER_NOT_AVAILABLE]]);
    expect(roadmap.phases[0]).toMatchObject({ id: "P1", total: 4, done: 4, percent: 100 });
    expect(roadmap.overall).toEqual({ total: 25, done: 4, percent: 16 });
    expect(roadmap.criticalPath.activities[0]).toBe("6.2");
    expect(roadmap.criticalPath.totalDays).toBe(159 - 20);
  });

  it("a stale G1: 5.4 stays complete with a warning, 6.2 is blocked and warned", () => {
    const roadmap = evaluate(CATALOG, withPhase1({ gates: { G1: "stale" } }));
    const gated = byId(roadmap, "5.4");
    expect(gated.status).toBe("complete");
    expect(gated.gate).toEqual({ id: "G1", state: "stale" });
    expect(gated.warnings).toEqual([{ kind: "stale-approval", gate: "G1", message: expect.stringContaining("stale") }]);
    for (const dependent of ["6.2", "6.6"]) {
      expect(byId(roadmap, dependent).status).toBe("blocked");
      expect(byId(roadmap, dependent).warnings).toEqual([
        { kind: "stale-prerequisite", activity: "5.4", gate: "G1", message: expect.stringContaining("5.4") },
      ]);
    }
    expect(byId(roadmap, "6.2").reasons[0]).toBe(
      `Waiting for 5.4 "${gated.title}": it is complete but gate G1 has an approval that is stale because the content changed afterwards.`,
    );
    expect(byId(roadmap, "6.3").warnings).toEqual([]);
  });

  it("a gate not yet approved keeps a complete activity from satisfying its dependents", () => {
    for (const state of ["none", "pending", "rejected", "revoked"] as const) {
      const roadmap = evaluate(CATALOG, withPhase1({ gates: { G1: state } }));
      expect(byId(roadmap, "5.4").status).toBe("complete");
      expect(byId(roadmap, "5.4").reasons[0]).toMatch(/^Gate G1 \(.+\) (has not been|is awaiting|was rejected|had its approval revoked)/);
      expect(byId(roadmap, "6.2").status).toBe("blocked");
      expect(roadmap.nextActions).toEqual([]);
    }
  });

  it("a gated activity whose approval is not valid is not done: phase 1 with G1 pending reads 3 of 4", () => {
    for (const state of ["none", "pending", "stale", "rejected", "revoked"] as const) {
      const roadmap = evaluate(CATALOG, withPhase1({ gates: { G1: state } }));
      expect(byId(roadmap, "5.4").status).toBe("complete");
      expect(isDone(byId(roadmap, "5.4"))).toBe(false);
      expect(roadmap.phases[0]).toMatchObject({ id: "P1", total: 4, done: 3, percent: 75 });
      expect(roadmap.overall).toEqual({ total: 25, done: 3, percent: 12 });
      expect(roadmap.criticalPath.activities[0]).toBe("5.4");
    }
  });

  it("for any gate state but a valid approval, a gated activity is not counted as done", () => {
    fc.assert(
      fc.property(processDataArb(IDS, ["G1", "G2", "G3", "G4"]), (data) => {
        const roadmap = evaluate(CATALOG, data);
        for (const a of roadmap.activities) {
          if (a.gate && a.gate.state !== "approved" && a.status !== "not_applicable") {
            expect(isDone(a)).toBe(false);
            expect(a.satisfied).toBe(false);
          }
        }
        // Progress counts exactly the activities that are done, phase by phase.
        for (const phase of roadmap.phases) {
          const inPhase = roadmap.activities.filter((a) => a.phase === phase.id);
          const done = inPhase.filter(
            (a) =>
              a.status === "not_applicable" || (a.gate ? a.gate.state === "approved" && a.status === "approved" : a.status === "complete"),
          );
          expect(phase.done).toBe(done.length);
        }
        expect(roadmap.overall.done).toBe(roadmap.phases.reduce((sum, p) => sum + p.done, 0));
      }),
      { numRuns: 300 },
    );
  });

  it("approval without complete content is not approved", () => {
    const data = withPhase1({ gates: { G1: "approved" } });
    data.phase1.milestones[0]!.owner = null;
    const roadmap = evaluate(CATALOG, data);
    expect(byId(roadmap, "5.4").status).toBe("in_progress");
    expect(byId(roadmap, "6.2").status).toBe("blocked");
    expect(roadmap.nextActions).toEqual([expect.objectContaining({ id: "5.4", message: 'Milestone "Scope agreed" needs an owner.' })]);
  });

  it("an activity marked not applicable with a justification satisfies its dependents, even a gated one", () => {
    const data = emptyProcessData();
    data.notApplicable = {
      "5.2": { justification: "Done last year" },
      "5.3.1": { justification: "  " },
      "5.4": { justification: "Board already decided" },
    };
    const roadmap = evaluate(CATALOG, data);
    expect(byId(roadmap, "5.2")).toMatchObject({ status: "not_applicable", reasons: ["Marked not applicable: Done last year"] });
    expect(byId(roadmap, "5.3.1").status).toBe("ready");
    expect(byId(roadmap, "5.4").status).toBe("not_applicable");
    expect(byId(roadmap, "6.2").status).toBe("in_progress");
    expect(roadmap.phases[0]).toMatchObject({ done: 2, percent: 50 });
  });

  it("everything not applicable: 100% and no critical path", () => {
    const data = emptyProcessData();
    data.notApplicable = Object.fromEntries(IDS.map((id) => [id, { justification: "Test" }]));
    const roadmap = evaluate(CATALOG, data);
    expect(roadmap.overall.percent).toBe(100);
    expect(roadmap.criticalPath).toEqual({ activities: [], totalDays: 0 });
    expect(roadmap.nextActions).toEqual([]);
  });

  it("a rule the running build lacks fails instead of passing", () => {
    const roadmap = evaluate(CATALOG, withPhase1(), {});
    expect(byId(roadmap, "5.2").status).toBe("ready");
    expect(byId(roadmap, "5.2").reasons).toEqual(['The completion rule "priorities-clarified" is not available in this version.']);
  });

  it("holds its invariants for any data", () => {
    fc.assert(
      fc.property(processDataArb(IDS, ["G1", "G2", "G3", "G4"]), (data) => {
        expectInvariants(CATALOG, data, evaluate(CATALOG, data));
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, independent of key order, and leaves its input untouched", () => {
    fc.assert(
      fc.property(processDataArb(IDS, ["G1", "G2", "G3", "G4"]), (data) => {
        const copy = structuredClone(data);
        const roadmap = evaluate(CATALOG, data);
        expect(data).toEqual(copy);
        expect(evaluate(CATALOG, data)).toEqual(roadmap);
        expect(evaluate(CATALOG, reverseKeys(data))).toEqual(roadmap);
        expect(evaluate(reverseKeys(CATALOG), data)).toEqual(roadmap);
      }),
      { numRuns: 200 },
    );
  });

  it("ignores a not-applicable entry without a justification", () => {
    fc.assert(
      fc.property(processDataArb(IDS, ["G1", "G2", "G3", "G4"]), fc.constantFrom(...IDS), blank, (data, id, empty) => {
        const without = structuredClone(data);
        delete without.notApplicable[id];
        const withBlank = { ...without, notApplicable: { ...without.notApplicable, [id]: { justification: empty } } };
        const roadmap = evaluate(CATALOG, withBlank);
        expect(byId(roadmap, id).status).not.toBe("not_applicable");
        expect(roadmap).toEqual(evaluate(CATALOG, without));
      }),
    );
  });
});

interface Outcome {
  started: boolean;
  oks: boolean[];
}

const mostlyTrue = fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 });

/** A random acyclic catalog in random order, with a fixed rule outcome per activity. */
const randomSetup = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.record({
      prerequisites: fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => `a${j}`)))),
      order: fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
      gated: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      days: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: n, maxLength: n }),
      outcomes: fc.array(fc.record({ started: fc.boolean(), oks: fc.array(mostlyTrue, { minLength: 1, maxLength: 3 }) }), {
        minLength: n,
        maxLength: n,
      }),
    }),
  )
  .chain((s) => {
    const activities: Activity[] = s.prerequisites
      .map((prerequisites, i) => ({
        activity: {
          id: `a${i}`,
          phase: i % 2 === 0 ? "P1" : "P2",
          title: `Activity ${i}`,
          objective: "Test.",
          prerequisites,
          outputs: [],
          rules: [`rule-${i}`],
          ...(s.gated[i] ? { gate: `G${i}` } : {}),
          iso27001: [],
          estimatedDays: s.days[i]!,
          raci: { R: [], A: "boss", C: [], I: [] },
        },
        key: s.order[i]!,
      }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.activity);
    const catalog: ProcessCatalog = {
      id: "random",
      version: "1",
      title: "Random",
      phases: [
        { id: "P1", clause: "1", title: "One" },
        { id: "P2", clause: "2", title: "Two" },
      ],
      gates: activities.flatMap((a) => (a.gate ? [{ id: a.gate, activity: a.id, title: `Gate of ${a.id}` }] : [])),
      roles: [{ key: "boss", title: "Boss", description: "Decides.", mandatory: true }],
      projectRoles: [],
      activities,
    };
    const rules: Record<string, Rule> = Object.fromEntries(
      s.outcomes.map((o: Outcome, i) => [
        `rule-${i}`,
        () => ({
          started: o.started,
          checks: o.oks.map((ok, k) => ({
            id: `c${k}`,
            label: `Check ${k}`,
            ok,
            missing: ok ? [] : [{ message: `a${i} check ${k} missing`, link: { register: "x" } }],
          })),
        }),
      ]),
    );
    return fc.record({
      catalog: fc.constant(catalog),
      rules: fc.constant(rules),
      outcomes: fc.constant(s.outcomes as Outcome[]),
      data: processDataArb(
        activities.map((a) => a.id),
        catalog.gates.map((g) => g.id),
      ),
    });
  });

/** Every chain of unfinished activities linked by prerequisites that ends at `last`. */
function allChains(catalog: ProcessCatalog, unfinished: (id: string) => boolean, last: string): string[][] {
  const byId = new Map(catalog.activities.map((a) => [a.id, a]));
  const chainsTo = (id: string): string[][] => [
    [id],
    ...byId
      .get(id)!
      .prerequisites.filter(unfinished)
      .flatMap((p) => chainsTo(p).map((c) => [...c, id])),
  ];
  return unfinished(last) ? chainsTo(last) : [];
}

/** A catalog of activities that each need the listed ones, all in P1, all ruled by "r". */
function smallCatalog(spec: Record<string, { needs: string[]; days: number }>): ProcessCatalog {
  return {
    id: "small",
    version: "1",
    title: "Small",
    phases: [{ id: "P1", clause: "1", title: "One" }],
    gates: [],
    roles: [{ key: "boss", title: "Boss", description: "Decides.", mandatory: true }],
    projectRoles: [],
    activities: Object.entries(spec).map(([id, { needs, days }]) => ({
      id,
      phase: "P1",
      title: id,
      objective: "Test.",
      prerequisites: needs,
      outputs: [],
      rules: ["r"],
      iso27001: [],
      estimatedDays: days,
      raci: { R: [], A: "boss", C: [], I: [] },
    })),
  };
}

const notStarted: Rule = () => ({ started: false, checks: [{ id: "c", label: "C", ok: false, missing: [] }] });

describe("roadmap engine on small catalogs", () => {
  it("breaks a tie on the critical path toward the activity earlier in the catalog", () => {
    const catalog = smallCatalog({
      a: { needs: [], days: 1 },
      b: { needs: ["a"], days: 2 },
      c: { needs: ["a"], days: 2 },
      d: { needs: ["c", "b"], days: 1 },
    });
    expect(evaluate(catalog, emptyProcessData(), { r: notStarted }).criticalPath).toEqual({ activities: ["a", "b", "d"], totalDays: 4 });
  });

  it("rounds progress down, so only finished work shows 100%", () => {
    const catalog = smallCatalog({ a: { needs: [], days: 1 }, b: { needs: [], days: 1 }, c: { needs: [], days: 1 } });
    const data = { ...emptyProcessData(), notApplicable: { a: { justification: "x" }, b: { justification: "y" } } };
    expect(evaluate(catalog, data, { r: notStarted }).overall).toEqual({ total: 3, done: 2, percent: 66 });
  });

  it("a failing check without missing items still explains itself", () => {
    const roadmap = evaluate(smallCatalog({ a: { needs: [], days: 1 } }), emptyProcessData(), { r: notStarted });
    expect(roadmap.activities[0]!.reasons).toEqual(["C: not met."]);
    expect(roadmap.nextActions).toEqual([{ id: "a", title: "a", status: "ready", message: "C: not met.", link: null }]);
  });
});

describe("roadmap engine on random catalogs", () => {
  it("random catalogs are valid catalogs", () => {
    fc.assert(
      fc.property(randomSetup, ({ catalog, rules }) => {
        expect(parseCatalog(catalog, new Set(Object.keys(rules)))).toEqual({ ok: true, catalog });
      }),
      { numRuns: 50 },
    );
  });

  it("derives each status from prerequisites, checks, data and gate exactly as specified", () => {
    fc.assert(
      fc.property(randomSetup, ({ catalog, rules, outcomes, data }) => {
        const roadmap = evaluate(catalog, data, rules);
        expectInvariants(catalog, data, roadmap);
        const results = new Map(roadmap.activities.map((a) => [a.id, a]));
        for (const a of catalog.activities) {
          const result = results.get(a.id)!;
          const outcome = outcomes[Number(a.id.slice(1))]!;
          const na = Object.hasOwn(data.notApplicable, a.id) && data.notApplicable[a.id]!.justification.trim() !== "";
          const gateState = a.gate && Object.hasOwn(data.gates, a.gate) ? data.gates[a.gate] : "none";
          let expected: string;
          if (na) expected = "not_applicable";
          else if (a.prerequisites.some((p) => !results.get(p)!.satisfied)) expected = "blocked";
          else if (outcome.oks.some((ok) => !ok)) expected = outcome.started ? "in_progress" : "ready";
          else expected = a.gate && gateState === "approved" ? "approved" : "complete";
          expect(result.status).toBe(expected);
          if (expected === "blocked") {
            const waiting = a.prerequisites.filter((p) => !results.get(p)!.satisfied);
            expect(result.reasons.slice(0, waiting.length).map((r) => r.split(/[ ,:]/)[2])).toEqual(waiting);
          }
          const staleSelf = !na && gateState === "stale";
          expect(result.warnings.some((w) => w.kind === "stale-approval")).toBe(staleSelf);
          const staleUpstream = a.prerequisites.filter((p) => {
            const r = results.get(p)!;
            return r.status !== "not_applicable" && r.gate?.state === "stale";
          });
          expect(result.warnings.filter((w) => w.kind === "stale-prerequisite").map((w) => (w as { activity: string }).activity)).toEqual(
            staleUpstream,
          );
        }
        expect(roadmap.nextActions.map((n) => n.id)).toEqual(
          roadmap.activities.filter((a) => a.status === "ready" || a.status === "in_progress").map((a) => a.id),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("finds the longest chain of unfinished work to the last activity", () => {
    fc.assert(
      fc.property(randomSetup, ({ catalog, rules, data }) => {
        const roadmap = evaluate(catalog, data, rules);
        const results = new Map(roadmap.activities.map((a) => [a.id, a]));
        // Complete but waiting for its gate's approval is unfinished work too.
        const unfinished = (id: string) => !isSatisfied(results.get(id)!);
        const days = new Map(catalog.activities.map((a) => [a.id, a.estimatedDays]));
        const longest = Math.max(
          0,
          ...allChains(catalog, unfinished, catalog.activities.at(-1)!.id).map((c) => c.reduce((s, id) => s + days.get(id)!, 0)),
        );
        expect(roadmap.criticalPath.totalDays).toBe(longest);
        expectInvariants(catalog, data, roadmap);
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic and independent of key order", () => {
    fc.assert(
      fc.property(randomSetup, ({ catalog, rules, data }) => {
        const roadmap = evaluate(catalog, data, rules);
        expect(evaluate(catalog, reverseKeys(data), rules)).toEqual(roadmap);
        expect(evaluate(reverseKeys(catalog), data, reverseKeys(rules))).toEqual(roadmap);
      }),
      { numRuns: 200 },
    );
  });
});
