import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatProblems, loadCatalogText, parseCatalog } from "./catalog.js";
import { RULE_NAMES } from "./rules.js";

const SHIPPED_CATALOG = join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml");

const RULES = new Set(["r1", "r2"]);

/** A small valid catalog; each test breaks one thing in a copy. */
function base() {
  const activity = (id: string, prerequisites: string[], extra: Record<string, unknown> = {}) => ({
    id,
    phase: "P1",
    title: `Activity ${id}`,
    objective: "Do the thing.",
    prerequisites,
    outputs: [{ id: `out-${id}`, title: "An output" }],
    rules: ["r1"],
    iso27001: ["4.3"],
    estimatedDays: 2,
    raci: { R: ["lead"], A: "boss", C: [] as string[], I: [] as string[] },
    ...extra,
  });
  return {
    id: "test",
    version: "1",
    title: "Test catalog",
    phases: [{ id: "P1", clause: "5", title: "Phase one" }],
    gates: [{ id: "G1", activity: "c", title: "Gate one" }],
    roles: [
      { key: "boss", title: "Boss", description: "Decides.", mandatory: true },
      { key: "lead", title: "Lead", description: "Does.", mandatory: false },
    ],
    projectRoles: [{ key: "sponsor", title: "Sponsor", required: true }],
    activities: [activity("a", []), activity("b", ["a"]), activity("c", ["a", "b"], { gate: "G1" })],
  };
}

function problemsOf(raw: unknown): string[] {
  const result = parseCatalog(raw, RULES);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("catalog validation", () => {
  it("accepts a consistent catalog, whatever its ids", () => {
    const result = parseCatalog(base(), RULES);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.catalog.activities.map((a) => a.id)).toEqual(["a", "b", "c"]);
  });

  it("reports a duplicate activity id", () => {
    const raw = base();
    raw.activities.push({ ...raw.activities[0]!, prerequisites: [] });
    expect(problemsOf(raw)).toEqual(["Activity id a is used by 2 entries; each must be unique."]);
  });

  it("reports an unknown or repeated prerequisite", () => {
    const raw = base();
    raw.activities[1]!.prerequisites = ["a", "zz", "a"];
    expect(problemsOf(raw)).toEqual([
      "Activity b needs zz, which is not an activity in the catalog.",
      "Activity b lists prerequisite a more than once.",
    ]);
  });

  it("names the path of a prerequisite cycle, including an activity that needs itself", () => {
    const raw = base();
    raw.activities[0]!.prerequisites = ["c"];
    raw.activities[1]!.prerequisites = ["a", "b"];
    expect(problemsOf(raw)).toEqual([
      "Activity a is in a prerequisite cycle: a → c → a (each needs the next).",
      "Activity a is in a prerequisite cycle: a → c → b → a (each needs the next).",
      "Activity b is in a prerequisite cycle: b → b (each needs the next).",
    ]);
  });

  it("reports an unknown completion rule and an unknown phase", () => {
    const raw = base();
    raw.activities[2]!.rules = ["r1", "nope"];
    raw.activities[1]!.phase = "P9";
    expect(problemsOf(raw)).toEqual([
      "Activity b is in phase P9, which the catalog does not define.",
      'Activity c uses the completion rule "nope", which this version of the product does not know.',
    ]);
  });

  it("reports a gate pointing to an unknown activity", () => {
    const raw = base();
    raw.gates.push({ id: "G2", activity: "zz", title: "Nowhere" });
    expect(problemsOf(raw)).toEqual(["Gate G2 belongs to activity zz, which is not in the catalog."]);
  });

  it("reports a gate and an activity that disagree, from both sides", () => {
    const raw = base();
    raw.gates[0]!.activity = "b";
    expect(problemsOf(raw)).toEqual([
      "Activity c ends in gate G1, but gate G1 belongs to activity b.",
      "Gate G1 belongs to activity b, but activity b names no gate.",
    ]);
    const unknownGate = base();
    (unknownGate.activities[1] as Record<string, unknown>).gate = "G7";
    expect(problemsOf(unknownGate)).toEqual(["Activity b ends in gate G7, which the catalog does not define."]);
  });

  it("requires exactly one Accountable role and known role keys", () => {
    const raw = base();
    (raw.activities[0]!.raci as Record<string, unknown>).A = ["boss", "lead"];
    (raw.activities[1]!.raci as Record<string, unknown>).A = [];
    raw.activities[2]!.raci.C = ["ghost"];
    expect(problemsOf(raw)).toEqual([
      'Activity a, field "raci.A": names 2 Accountable roles (boss, lead); the RACI needs exactly one.',
      'Activity b, field "raci.A": names 0 Accountable roles; the RACI needs exactly one.',
      'Activity c names "ghost" as Consulted in its RACI, but the catalog has no such role.',
    ]);
    const single = base();
    (single.activities[0]!.raci as Record<string, unknown>).A = ["boss"];
    const result = parseCatalog(single, RULES);
    expect(result.ok && result.catalog.activities[0]!.raci.A).toBe("boss");
  });

  it("reports malformed fields by activity, with a hint for ids YAML read as numbers", () => {
    const raw = base() as any;
    raw.activities[0].id = 5.1;
    raw.activities[1].estimatedDays = 0;
    raw.activities[2].prerequisite = [];
    delete raw.activities[2].title;
    raw.activities[2].rules = [];
    expect(problemsOf(raw)).toEqual([
      'Activity #1, field "id": activity id must be text: quote it in YAML, where 5.10 would otherwise be read as the number 5.1.',
      'Activity b, field "estimatedDays": Too small: expected number to be >0.',
      'Activity c, field "title": Invalid input: expected string, received undefined.',
      'Activity c, field "rules": needs at least one completion rule, otherwise nothing would be checked.',
      'Activity c: Unrecognized key: "prerequisite".',
    ]);
  });

  it("keeps checking the well-formed parts when another part is malformed", () => {
    const raw = base() as any;
    raw.title = "";
    raw.activities[1].objective = " ";
    raw.activities[0].prerequisites = ["c"];
    raw.activities[2].rules = ["nope"];
    const problems = problemsOf(raw);
    expect(problems).toEqual([
      'The catalog, field "title": must not be blank.',
      'Activity b, field "objective": must not be blank.',
      'Activity c uses the completion rule "nope", which this version of the product does not know.',
      "Activity a is in a prerequisite cycle: a → c → a (each needs the next).",
    ]);
  });

  it("rejects what is not a catalog at all", () => {
    expect(problemsOf(null)).toEqual(["The catalog: Invalid input: expected object, received null."]);
    expect(problemsOf({ ...base(), activities: [] })).toEqual([
      'The catalog, field "activities": Too small: expected array to have >=1 items.',
      "Gate G1 belongs to activity c, which is not in the catalog.",
    ]);
  });

  it("formats problems as one message", () => {
    expect(formatProblems(["One.", "Two."])).toBe("The process catalog has 2 problems:\n- One.\n- Two.");
    expect(formatProblems(["Only."])).toBe("The process catalog has 1 problem:\n- Only.");
  });

  it("loads YAML and JSON text and reports text that does not parse", () => {
    expect(loadCatalogText(JSON.stringify(base()), "json", RULES).ok).toBe(true);
    expect(loadCatalogText(stringify(base()), "yaml", RULES).ok).toBe(true);
    const badJson = loadCatalogText("{", "json", RULES);
    expect(badJson.ok === false && badJson.problems[0]).toMatch(/^The catalog is not valid JSON: /);
    const badYaml = loadCatalogText("id: a\nid: b\n", "yaml", RULES);
    expect(badYaml.ok === false && badYaml.problems[0]).toMatch(/^The catalog is not valid YAML: Map keys must be unique/);
  });

  it("refuses nesting thousands deep before parsing, and YAML aliases expanded past the bound", () => {
    // Composing YAML nested 4,000 deep took the whole process down; JSON 1,000,000 deep took seconds to parse.
    for (const [source, format] of [
      [`${"[".repeat(4000)}${"]".repeat(4000)}`, "yaml"],
      [`${"- ".repeat(10_000)}a`, "yaml"],
      [`${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`, "json"],
    ] as const) {
      const started = performance.now();
      expect(loadCatalogText(source, format, RULES)).toEqual({
        ok: false,
        problems: ["The catalog nests lists and mappings more than 64 levels deep."],
      });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 0; i < 9; i++)
      bomb += `b${i}: &b${i} [${Array(9)
        .fill(i === 0 ? "*a" : `*b${i - 1}`)
        .join(",")}]\n`;
    const result = loadCatalogText(bomb, "yaml", RULES);
    expect(result.ok === false && result.problems).toEqual([
      "The catalog's YAML expands its aliases more than 100 times; write the content out instead.",
    ]);
  });
});

/** ISO/IEC 27001:2022 clause ids (4-10), from the reference table; ids only. */
const CLAUSES_2022 = new Set(
  "4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 6.3 7 7.1 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2".split(
    " ",
  ),
);

/** The activities and prerequisites of the domain description of the 27003:2010 process. */
const DOMAIN_PREREQUISITES: Record<string, string[]> = {
  "5.2": [],
  "5.3.1": ["5.2"],
  "5.3.2": ["5.3.1"],
  "5.4": ["5.2", "5.3.1", "5.3.2"],
  "6.2": ["5.4"],
  "6.3": ["6.2"],
  "6.4": ["6.2", "6.3"],
  "6.5": ["6.2", "6.3", "6.4"],
  "6.6": ["5.2", "5.4", "6.5"],
  "7.2": ["6.5", "6.6"],
  "7.3": ["6.5", "7.2"],
  "7.4": ["7.2", "7.3"],
  "8.2": ["7.3", "7.4"],
  "8.3": ["8.2"],
  "8.4": ["6.6", "8.2", "8.3"],
  "9.2.1": ["5.3.2", "6.6", "8.4"],
  "9.2.2": ["8.4"],
  "9.2.3": ["6.6", "8.3"],
  "9.2.4": ["8.3", "9.2.3"],
  "9.3": ["8.3", "8.4", "9.2.1"],
  "9.4a": ["8.3", "9.3"],
  "9.4b": ["9.2.1"],
  "9.4c": ["9.2.1", "9.2.3"],
  "9.4d": ["9.4a", "9.4b"],
  "9.5": ["9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.3", "9.4a", "9.4b", "9.4c", "9.4d"],
};

describe("the shipped ISO/IEC 27003:2010 catalog", () => {
  const result = loadCatalogText(readFileSync(SHIPPED_CATALOG, "utf8"), "yaml", RULE_NAMES);

  it("parses with zero problems against the product's rules", () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  const catalog = result.ok ? result.catalog : undefined;

  it("has every activity of the domain process, in order, with its prerequisites", () => {
    expect(Object.fromEntries(catalog!.activities.map((a) => [a.id, a.prerequisites]))).toEqual(DOMAIN_PREREQUISITES);
    expect(catalog!.activities.map((a) => a.id)).toEqual(Object.keys(DOMAIN_PREREQUISITES));
    expect(catalog!.activities.map((a) => a.phase)).toEqual(catalog!.activities.map((a) => `P${Number(a.id.split(".")[0]) - 4}`));
  });

  it("puts the four gates on 5.4, 6.6, 8.4 and 9.5", () => {
    expect(catalog!.gates.map((g) => [g.id, g.activity])).toEqual([
      ["G1", "5.4"],
      ["G2", "6.6"],
      ["G3", "8.4"],
      ["G4", "9.5"],
    ]);
    expect(catalog!.activities.filter((a) => a.gate).map((a) => [a.gate, a.id])).toEqual(catalog!.gates.map((g) => [g.id, g.activity]));
  });

  it("maps every activity to existing ISO/IEC 27001:2022 clauses, including the domain's mapping", () => {
    for (const a of catalog!.activities) {
      expect(a.iso27001.length, a.id).toBeGreaterThan(0);
      for (const clause of a.iso27001) expect(CLAUSES_2022.has(clause), `${a.id} → ${clause}`).toBe(true);
    }
    const clauses = (id: string) => catalog!.activities.find((a) => a.id === id)!.iso27001;
    const domain: Record<string, string[]> = {
      "5.4": ["5.1", "7.1"],
      "6.5": ["4.3"],
      "6.6": ["5.2"],
      "7.2": ["4.1", "4.2"],
      "8.2": ["6.1.2", "8.2"],
      "8.3": ["6.1.3", "8.3"],
      "9.4a": ["9.1"],
      "9.4b": ["9.2"],
      "9.4d": ["9.3"],
    };
    for (const [id, expected] of Object.entries(domain)) expect(clauses(id)).toEqual(expect.arrayContaining(expected));
  });

  it("keeps objectives short: one to three sentences", () => {
    for (const a of catalog!.activities) {
      const sentences = a.objective.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0).length;
      expect(sentences, a.id).toBeGreaterThanOrEqual(1);
      expect(sentences, a.id).toBeLessThanOrEqual(3);
    }
  });

  it("ships the Annex B roles with the mandatory ones flagged, and requires sponsor and project lead", () => {
    expect(catalog!.roles.filter((r) => r.mandatory).map((r) => r.key)).toEqual([
      "top_management",
      "isms_manager",
      "risk_owner",
      "asset_owner",
      "internal_auditor",
    ]);
    expect(catalog!.roles).toHaveLength(12);
    expect(catalog!.projectRoles.filter((r) => r.required).map((r) => r.key)).toEqual(["sponsor", "project_lead"]);
  });
});
