import { describe, expect, it } from "vitest";
import { migrationNames } from "../db/migrate.js";
import { AREAS } from "./areas.js";
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

  it("declares an artifact for every gate of the shipped catalog, each in one area", () => {
    const activities = AREAS.flatMap((a) => Object.keys(a.gateArtifacts ?? {}));
    expect(new Set(activities).size).toBe(activities.length);
    expect([...activities].sort()).toEqual(
      shippedCatalog()
        .gates.map((g) => g.activity)
        .sort(),
    );
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
