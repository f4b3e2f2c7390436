import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_REGISTERS } from "../../core/imports/columns.js";
import { combineRules, type Rule } from "../../core/process/rules.js";
import { migrationNames } from "../db/migrate.js";
import { importBindings } from "../imports/registers.js";
import { AREAS } from "./areas.js";
import { areaRules } from "./process/area-rules.js";
import { shippedCatalog } from "./process/catalog.repo.js";

describe("the list of areas", () => {
  it("names each area once", () => {
    const names = AREAS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("has one loader per roadmap fact", () => {
    const keys = AREAS.flatMap((a) => (a.processFacts ? [a.processFacts.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(
      [
        "assets",
        "auditProgramme",
        "documents",
        "gap",
        "managementReview",
        "measurement",
        "organization",
        "plan",
        "requirements",
        "risk",
        "scope",
        "training",
      ].sort(),
    );
  });

  it("declares an artifact for every gate of the shipped catalog, each in one area", async () => {
    const activities = AREAS.flatMap((a) => Object.keys(a.gateArtifacts ?? {}));
    expect(new Set(activities).size).toBe(activities.length);
    expect([...activities].sort()).toEqual((await shippedCatalog()).gates.map((g) => g.activity).sort());
  });

  it("declares the completion rules of every core area once, so the roadmap evaluates each and a catalog may name each", async () => {
    const core = join(import.meta.dirname, "../../core");
    const files = readdirSync(core).filter((dir) => dir !== "process" && existsSync(join(core, dir, "rules.ts")));
    const sets = await Promise.all(
      files.map(async (dir) => {
        const exports = Object.entries(await import(join(core, dir, "rules.ts")));
        return exports.find(([name]) => name.endsWith("_RULES"))?.[1] as Readonly<Record<string, Rule>>;
      }),
    );
    for (const [i, set] of sets.entries()) expect(AREAS.filter((a) => a.rules === set).length, files[i]).toBe(1);
    const { rules, names } = await areaRules();
    expect([...names].sort()).toEqual(Object.keys(combineRules(sets)).sort());
    for (const set of sets) for (const [name, rule] of Object.entries(set)) expect(rules[name]).toBe(rule);
  });

  it("binds every importable register in exactly one area", async () => {
    const registers = AREAS.flatMap((a) => (a.imports ?? []).map((b) => b.register));
    expect([...registers].sort()).toEqual([...IMPORT_REGISTERS].sort());
    expect([...(await importBindings()).keys()].sort()).toEqual([...IMPORT_REGISTERS].sort());
  });

  it("gathers the migrations of the platform and every area in the order of their numbers", () => {
    expect(migrationNames()).toEqual([
      "0001-foundation",
      "0002-process",
      "0003-scope",
      "0004-requirements-assets",
      "0005-gap",
      "0006-imports",
      "0007-documents",
      "0008-risk",
      "0009-login-throttle",
      "0010-number-counters",
      "0011-integrity",
      "0012-orgdocs",
      "0013-plan",
      "0014-measure",
      "0015-internal-audit",
      "0016-deliverables",
      "0017-import-files",
      "0018-audit-names",
      "0024-one-role-model",
    ]);
  });
});
