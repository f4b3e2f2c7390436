import { describe, expect, it } from "vitest";
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
});
