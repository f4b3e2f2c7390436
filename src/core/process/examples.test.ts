import { describe, expect, it } from "vitest";
import { emptyProcessData } from "./data.js";
import { completePhase1 } from "./examples.js";
import { RULES } from "./rules.js";

describe("example data", () => {
  it("a complete phase 1 passes every phase-1 rule", () => {
    const data = { ...emptyProcessData(), phase1: completePhase1() };
    for (const name of [
      "priorities-clarified",
      "preliminary-scope-defined",
      "project-roles-assigned",
      "business-case-complete",
      "project-plan-drafted",
    ]) {
      const result = RULES[name]!(data);
      expect(result.started, name).toBe(true);
      expect(
        result.checks.filter((c) => !c.ok),
        name,
      ).toEqual([]);
    }
  });
});
