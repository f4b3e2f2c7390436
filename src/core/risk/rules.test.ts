import { describe, expect, it } from "vitest";
import { emptyProcessData } from "../process/data.js";
import { RISK_RULES, type RiskData, type RiskFacts } from "./rules.js";

const risk = (over: Partial<RiskFacts> = {}): RiskFacts => ({
  id: "r1",
  ref: "R-0001",
  title: "Data theft",
  open: true,
  hasOwner: true,
  inherentScored: true,
  rescoreNeeded: false,
  presentLevel: 3,
  remainingLevel: 2,
  treatment: "modify",
  hasControls: true,
  treatmentApproval: "valid",
  acceptance: "valid",
  ...over,
});

const data = (over: Partial<RiskData> = {}): RiskData => ({
  method: { exists: true, approved: true, number: 1, threshold: 1, levelNames: ["very low", "low", "medium", "high", "very high"] },
  risks: [risk()],
  uncoveredAssets: [],
  soa: { undecided: [], problems: [], issued: { number: 1, matches: true } },
  soaStarted: true,
  ...over,
});

const run = (rule: string, risk: RiskData | undefined) => {
  const result = RISK_RULES[rule]?.({ ...emptyProcessData(), risk });
  if (!result) throw new Error(`no rule ${rule}`);
  return {
    ...result,
    failing: result.checks.filter((c) => !c.ok).map((c) => c.id),
    messages: result.checks.flatMap((c) => c.missing.map((m) => m.message)),
  };
};

describe("8.2 risk assessment", () => {
  it("holds with an approved method, covered assets and analysed risks", () => {
    expect(run("risk-assessment-complete", data()).failing).toEqual([]);
  });

  it("names what is missing: method approval, uncovered assets, owners and scores, re-scoring", () => {
    const result = run(
      "risk-assessment-complete",
      data({
        method: { ...data().method, approved: false },
        uncoveredAssets: [{ id: "a1", name: "Payroll data" }],
        risks: [risk({ hasOwner: false, inherentScored: false }), risk({ id: "r2", ref: "R-0002", rescoreNeeded: true })],
      }),
    );
    expect(result.failing).toEqual(["risk-method-approved", "primary-assets-covered", "risks-analysed", "risks-current-method"]);
    expect(result.messages.join("\n")).toContain('Primary asset "Payroll data"');
    expect(result.messages.join("\n")).toContain("R-0001");
    expect(result.messages.join("\n")).toContain("R-0002");
  });

  it("is not started without any method or risk", () => {
    expect(run("risk-assessment-complete", undefined).started).toBe(false);
  });
});

describe("8.3 treatment", () => {
  it("needs a treatment above the threshold, controls for modify, and a decided, consistent SoA", () => {
    const result = run(
      "risk-treatment-planned",
      data({
        risks: [
          risk({ treatment: null }),
          risk({ id: "r2", ref: "R-0002", hasControls: false }),
          risk({ id: "r3", ref: "R-0003", presentLevel: 1, treatment: null }),
        ],
        soa: { undecided: ["A.8.1"], problems: [{ controlId: "A.7.4", message: "Excluded, yet …" }], issued: null },
      }),
    );
    expect(result.failing).toEqual(["risks-treated", "modify-has-controls", "soa-decided", "soa-justified"]);
    expect(result.messages.join("\n")).not.toContain("R-0003");
  });
});

describe("8.4 acceptance", () => {
  it("holds when plans are approved, residual risks above the threshold accepted and the SoA issued as it stands", () => {
    expect(run("residual-risks-accepted", data()).failing).toEqual([]);
  });

  it("names stale approvals, expired acceptances and an SoA changed since its version", () => {
    const result = run(
      "residual-risks-accepted",
      data({
        risks: [
          risk({ treatmentApproval: "stale" }),
          risk({ id: "r2", ref: "R-0002", acceptance: "expired" }),
          risk({ id: "r3", ref: "R-0003", remainingLevel: 1, acceptance: "none" }),
        ],
        soa: { undecided: [], problems: [], issued: { number: 2, matches: false } },
      }),
    );
    expect(result.failing).toEqual(["treatment-plans-approved", "residual-risks-accepted", "soa-issued"]);
    expect(result.messages.join("\n")).toContain("is stale");
    expect(result.messages.join("\n")).toContain("has expired");
    expect(result.messages.join("\n")).toContain("since version 2");
    expect(result.messages.join("\n")).not.toContain("R-0003");
  });
});
