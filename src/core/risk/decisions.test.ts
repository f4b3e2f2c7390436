import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES } from "../access/roles.js";
import {
  AUTHORITY_DECIDERS,
  addMonths,
  decisionState,
  expiryProblem,
  mayDecideAt,
  mayRevoke,
  presentLevel,
  remainingLevel,
  riskSnapshot,
} from "./decisions.js";

const base = riskSnapshot({
  methodId: "m1",
  ownerUserId: "u1",
  inherent: { likelihood: 4, impact: 5, level: 4 },
  current: null,
  residual: { likelihood: 3, impact: 5, level: 3 },
  treatment: "modify",
  treatmentPlan: "MFA",
  controlIds: ["A.8.5", "A.5.15"],
});

describe("decision snapshots", () => {
  it("do not depend on the order controls were picked in", () => {
    expect(riskSnapshot({ ...base, controlIds: ["A.5.15", "A.8.5"] })).toEqual(base);
  });

  it("read the remaining level from residual, else current, else inherent", () => {
    expect(remainingLevel(base)).toBe(3);
    expect(remainingLevel({ ...base, residual: null })).toBe(4);
    expect(remainingLevel({ inherent: null, current: null, residual: null })).toBeNull();
    expect(presentLevel({ ...base, current: { likelihood: 1, impact: 1, level: 0 } })).toBe(0);
  });
});

describe("a decision's state", () => {
  const stored = { hash: "h1", snapshot: base, expiresOn: "2027-06-30", revokedAt: null };

  it("holds while the risk is unchanged and before its expiry", () => {
    expect(decisionState(stored, { hash: "h1", snapshot: base }, "2027-06-30")).toEqual({ state: "valid", changes: [] });
  });

  it("turns stale with the changed fields when the risk changes", () => {
    const after = { ...base, residual: { likelihood: 4, impact: 5, level: 4 } };
    const { state, changes } = decisionState(stored, { hash: "h2", snapshot: after }, "2027-01-01");
    expect(state).toBe("stale");
    expect(changes.map((c) => c.path).sort()).toEqual(["residual.level", "residual.likelihood"]);
  });

  it("expires the day after its expiry date, and a revoked one stays revoked", () => {
    expect(decisionState(stored, { hash: "h1", snapshot: base }, "2027-07-01").state).toBe("expired");
    expect(decisionState({ ...stored, revokedAt: "2027-01-01T00:00:00Z" }, { hash: "h2", snapshot: base }, "2027-01-01").state).toBe(
      "revoked",
    );
  });

  it("is stale whenever the hash differs, whatever the dates (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (h1, h2) => {
        fc.pre(h1 !== h2);
        expect(decisionState({ ...stored, hash: h1 }, { hash: h2, snapshot: base }, "2000-01-01").state).toBe("stale");
      }),
    );
  });
});

describe("acceptance expiry", () => {
  it("adds months, clamping to the end of a shorter month", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2027-11-15", 12)).toBe("2028-11-15");
  });

  it("needs a date after today and within the method's limit", () => {
    expect(expiryProblem(null, "2027-01-01", 12)).toMatch(/needs an expiry/);
    expect(expiryProblem("2027-01-01", "2027-01-01", 12)).toMatch(/after today/);
    expect(expiryProblem("2028-01-02", "2027-01-01", 12)).toMatch(/at most 12 months/);
    expect(expiryProblem("2028-01-01", "2027-01-01", 12)).toBeNull();
    expect(expiryProblem("2040-01-01", "2027-01-01", null)).toBeNull();
  });
});

describe("who decides", () => {
  it("lets a higher authority decide for a lower one, never the other way", () => {
    expect(mayDecideAt("risk_owner", { role: "viewer", isOwner: true })).toBe(true);
    expect(mayDecideAt("risk_owner", { role: "contributor", isOwner: false })).toBe(false);
    expect(mayDecideAt("isms_manager", { role: "isms_manager", isOwner: false })).toBe(true);
    expect(mayDecideAt("isms_manager", { role: "contributor", isOwner: true })).toBe(false);
    expect(mayDecideAt("top_management", { role: "isms_manager", isOwner: true })).toBe(false);
    expect(mayDecideAt("top_management", { role: "approver", isOwner: false })).toBe(true);
    expect(mayDecideAt("toString", { role: "contributor", isOwner: false })).toBe(false);
  });

  it("lets whoever may decide at an authority decide at every lower one", () => {
    for (const role of [...ROLES, null])
      for (const isOwner of [true, false]) {
        const at = (authority: string) => mayDecideAt(authority, { role, isOwner });
        if (at("top_management")) expect(at("isms_manager")).toBe(true);
        if (at("isms_manager")) expect(at("risk_owner")).toBe(true);
        expect(at("top_management")).toBe(role === "approver");
        for (const authority of ["risk_owner", "isms_manager", "top_management"] as const)
          expect(at(authority)).toBe(
            AUTHORITY_DECIDERS[authority].roles.some((r) => r === role) || (isOwner && authority === "risk_owner"),
          );
      }
  });

  it("lets the decider, managers and top management revoke", () => {
    expect(mayRevoke("u1", { userId: "u1", role: "viewer" })).toBe(true);
    expect(mayRevoke("u1", { userId: "u2", role: "contributor" })).toBe(false);
    expect(mayRevoke(null, { userId: "u2", role: "approver" })).toBe(true);
  });
});
