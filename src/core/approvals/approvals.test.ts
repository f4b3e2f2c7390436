import { describe, expect, it } from "vitest";
import { decisionBlocker, gateState } from "./approvals.js";

describe("gate state", () => {
  it("is approved only while the artifact is unchanged, and stale after", () => {
    expect(gateState(null, "h")).toBe("none");
    expect(gateState({ status: "approved", artifactHash: "h" }, "h")).toBe("approved");
    expect(gateState({ status: "approved", artifactHash: "h" }, "other")).toBe("stale");
    expect(gateState({ status: "pending", artifactHash: "h" }, "other")).toBe("pending");
    expect(gateState({ status: "revoked", artifactHash: "h" }, "h")).toBe("revoked");
  });
});

describe("deciding", () => {
  const pending = { status: "pending" as const, requestedBy: "manager", artifactHash: "h" };
  it("keeps the requester from deciding their own request when separation of duties is on", () => {
    expect(decisionBlocker({ approval: pending, deciderId: "manager", separationOfDuties: true, currentHash: "h" })).toMatch(
      /separation of duties/,
    );
    expect(decisionBlocker({ approval: pending, deciderId: "manager", separationOfDuties: false, currentHash: "h" })).toBeNull();
    expect(decisionBlocker({ approval: pending, deciderId: "ceo", separationOfDuties: true, currentHash: "h" })).toBeNull();
  });

  it("refuses a decision on something other than what was submitted, or on a closed request", () => {
    expect(decisionBlocker({ approval: pending, deciderId: "ceo", separationOfDuties: true, currentHash: "changed" })).toMatch(
      /changed since the request/,
    );
    expect(
      decisionBlocker({ approval: { ...pending, status: "approved" }, deciderId: "ceo", separationOfDuties: true, currentHash: "h" }),
    ).toMatch(/not pending/);
  });
});
