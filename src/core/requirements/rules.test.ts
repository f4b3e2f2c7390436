import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ASSET_RULES } from "../assets/rules.js";
import { loadCatalogText } from "../process/catalog.js";
import { emptyProcessData, type ProcessData } from "../process/data.js";
import { evaluate } from "../process/engine.js";
import { completePhase1 } from "../process/examples.js";
import { RULE_NAMES, RULES } from "../process/rules.js";
import { MAX_NAMED_OFFENDERS } from "./check.js";
import { REQUIREMENTS_RULES, type RequirementsData } from "./rules.js";

const loaded = loadCatalogText(readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"), "yaml", RULE_NAMES);
if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
const CATALOG = loaded.catalog;
const ALL_RULES = { ...RULES, ...REQUIREMENTS_RULES, ...ASSET_RULES };

const withRequirements = (requirements: RequirementsData | undefined, change: (d: ProcessData) => void = () => {}): ProcessData => {
  const data: ProcessData = { ...emptyProcessData(), phase1: completePhase1(), ...(requirements ? { requirements } : {}) };
  change(data);
  return data;
};
const activity = (data: ProcessData) => evaluate(CATALOG, data, ALL_RULES).activities.find((a) => a.id === "7.2")!;
const failing = (data: ProcessData) =>
  activity(data)
    .checks.filter((c) => !c.ok)
    .map((c) => c.id);

const customers = { id: "p1", name: "Customers" };
const complete: RequirementsData = {
  parties: [customers, { id: "p2", name: "Regulator" }],
  requirements: [{ id: "r1", title: "Data stays in the EU", partyId: "p1", source: "Master services agreement", owner: "Legal" }],
};

describe("security-requirements-recorded (7.2)", () => {
  it("replaces the placeholder: the catalog names the rule and nothing says 'register not available'", () => {
    const result = activity(withRequirements(complete));
    expect(result.checks.map((c) => c.id)).toEqual([
      "interested-party-requirement",
      "requirements-sourced-and-owned",
      "obligations-sourced-and-owned",
    ]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });

  it("without data (the loader not wired or nothing recorded) it fails and has not started", () => {
    const result = REQUIREMENTS_RULES["security-requirements-recorded"]!(withRequirements(undefined));
    expect(result.started).toBe(false);
    expect(result.checks[0]!.missing[0]!.link).toEqual({ register: "interested-parties" });
  });

  it("needs a party that has a requirement, not only a party", () => {
    const data = withRequirements({ parties: [customers], requirements: [] });
    expect(failing(data)).toEqual(["interested-party-requirement"]);
    expect(REQUIREMENTS_RULES["security-requirements-recorded"]!(data).started).toBe(true);
    expect(activity(data).checks[0]!.missing[0]).toEqual({
      message: "Record at least one requirement of an interested party.",
      link: { register: "requirements" },
    });
  });

  it("names each requirement and obligation without a source or an owner", () => {
    const data = withRequirements(
      {
        ...complete,
        requirements: [...complete.requirements, { id: "r2", title: "Uptime 99.9%", partyId: "p1", source: " ", owner: null }],
      },
      (d) => {
        d.phase1.obligations.push({ id: "o2", title: "NIS2", kind: "regulatory", source: "Directive (EU) 2022/2555", owner: null });
      },
    );
    const checks = activity(data).checks;
    expect(checks.find((c) => c.id === "requirements-sourced-and-owned")!.missing).toEqual([
      { message: 'Requirement "Uptime 99.9%" needs a source and an owner.', link: { register: "requirements", id: "r2" } },
    ]);
    expect(checks.find((c) => c.id === "obligations-sourced-and-owned")!.missing).toEqual([
      { message: 'Obligation "NIS2" needs an owner.', link: { register: "obligations", id: "o2" } },
    ]);
  });

  it("names a bounded number of offenders and counts the rest", () => {
    const many = Array.from({ length: MAX_NAMED_OFFENDERS + 5 }, (_, i) => ({
      id: `r${i}`,
      title: `Requirement ${i}`,
      partyId: "p1",
      source: null,
      owner: "Legal",
    }));
    const missing = activity(withRequirements({ ...complete, requirements: many })).checks.find(
      (c) => c.id === "requirements-sourced-and-owned",
    )!.missing;
    expect(missing).toHaveLength(MAX_NAMED_OFFENDERS + 1);
    expect(missing.at(-1)).toEqual({ message: "…and 5 more.", link: { register: "requirements" } });
  });
});
