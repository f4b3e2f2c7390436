import { describe, expect, it } from "vitest";
import { emptyProcessData } from "../process/data.js";
import { MEASUREMENT_RULES, type MeasureFacts } from "./rules.js";

const measure = (over: Partial<MeasureFacts> = {}): MeasureFacts => ({
  id: "m1",
  reference: "M-01",
  title: "Patch coverage",
  objectiveId: "o1",
  hasOwner: true,
  hasFrequency: true,
  hasTarget: true,
  ...over,
});

const run = (measures: MeasureFacts[] | undefined) => {
  const data = { ...emptyProcessData(), measurement: measures ? { measures } : undefined };
  data.phase1.objectives = [
    { id: "o1", title: "Keep customer data safe" },
    { id: "o2", title: "Stay available" },
  ];
  const result = MEASUREMENT_RULES["measurement-programme-designed"]?.(data);
  if (!result) throw new Error("no rule");
  return { result, messages: result.checks.flatMap((c) => c.missing.map((m) => m.message)) };
};

describe("9.4a measurement programme", () => {
  it("asks for measures first", () => {
    const { result, messages } = run(undefined);
    expect(result.started).toBe(false);
    expect(messages).toContain("Define at least one measure of the ISMS.");
  });
  it("names the objective without a measure and what each measure lacks", () => {
    const { messages } = run([
      measure(),
      measure({ id: "m2", reference: "M-02", title: "Phishing", objectiveId: null, hasOwner: false, hasTarget: false }),
    ]);
    expect(messages).toEqual(['Define a measure for the objective "Stay available".', 'M-02 "Phishing" needs an owner, a target.']);
  });
  it("asks no target of a base measure that only feeds a formula", () => {
    const { messages } = run([
      measure(),
      measure({ id: "m2", objectiveId: "o2" }),
      measure({ id: "m3", reference: "M-03", title: "Servers", objectiveId: null, hasTarget: false, feedsFormula: true }),
      measure({ id: "m4", reference: "M-04", title: "Alone", objectiveId: null, hasTarget: false, feedsFormula: false }),
    ]);
    expect(messages).toEqual(['M-04 "Alone" needs a target.']);
  });
  it("passes when every objective is measured and every measure is complete", () => {
    const { result } = run([measure(), measure({ id: "m2", objectiveId: "o2" })]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });
});
