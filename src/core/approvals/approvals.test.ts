import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decisionBlocker, fieldChanges, gateState } from "./approvals.js";

describe("approval snapshots", () => {
  it("reports exactly the changed fields, addressing list items by id", () => {
    const before = {
      businessCase: { benefits: "Tenders", timeline: "12 months" },
      milestones: [
        { id: "a", title: "Kick-off" },
        { id: "b", title: "Audit" },
      ],
    };
    const after = { businessCase: { benefits: "Tenders and trust", timeline: "12 months" }, milestones: [{ id: "b", title: "Audit" }] };
    expect(fieldChanges(before, after)).toEqual([
      { path: "businessCase.benefits", before: "Tenders", after: "Tenders and trust" },
      { path: "milestones[a].id", before: "a", after: null },
      { path: "milestones[a].title", before: "Kick-off", after: null },
    ]);
  });

  it("finds no change between a snapshot and itself, whatever its shape", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(fieldChanges(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it("finds a change whenever the canonical content differs", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.string({ minLength: 1 }), fc.string(), (obj, key, value) => {
        fc.pre(obj[key] !== value);
        expect(fieldChanges(obj, { ...obj, [key]: value }).length).toBeGreaterThan(0);
      }),
    );
  });
});

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
