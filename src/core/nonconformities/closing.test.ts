import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ActionFacts, closeBlockers, isOverdue, type NcFacts, reviewerBlocker } from "./closing.js";

const action = (id: string, ownerId: string | null, status: ActionFacts["status"] = "done"): ActionFacts => ({
  id,
  title: `Action ${id}`,
  ownerId,
  dueDate: "2026-06-30",
  status,
});
const complete: NcFacts = {
  status: "open",
  correction: "Disabled the account",
  rootCause: "No leaver process",
  actions: [action("1", "u-owner")],
  effectiveness: { effective: true, reviewerId: "u-auditor", coReviewerId: null },
};

describe("closing a nonconformity", () => {
  it("is allowed once every step is recorded", () => {
    expect(closeBlockers(complete)).toEqual([]);
  });

  it("names the missing effectiveness review", () => {
    expect(closeBlockers({ ...complete, effectiveness: null }).map((s) => s.step)).toEqual(["effectiveness-review"]);
    expect(closeBlockers({ ...complete, effectiveness: { ...complete.effectiveness!, effective: false } }).map((s) => s.step)).toEqual([
      "effective",
    ]);
  });

  it("names every missing step in order", () => {
    const steps = closeBlockers({ status: "open", correction: " ", rootCause: null, actions: [], effectiveness: null }).map((s) => s.step);
    expect(steps).toEqual(["correction", "root-cause", "corrective-action", "effectiveness-review"]);
    expect(closeBlockers({ ...complete, actions: [action("2", null, "open")] })[0]?.message).toContain('"Action 2"');
  });

  it("any single missing step blocks (property)", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (c, r, a, e) => {
        const nc: NcFacts = {
          ...complete,
          correction: c ? "x" : null,
          rootCause: r ? "y" : null,
          actions: a ? complete.actions : [],
          effectiveness: e ? complete.effectiveness : null,
        };
        expect(closeBlockers(nc).length === 0).toBe(c && r && a && e);
      }),
    );
  });

  it("the owner of a corrective action does not review its effectiveness alone", () => {
    const actions = [action("1", "u-owner"), action("2", "u-other")];
    expect(reviewerBlocker(actions, "u-auditor", null)).toBeNull();
    expect(reviewerBlocker(actions, "u-owner", null)).toContain('owns the corrective action(s) "Action 1"');
    expect(reviewerBlocker(actions, "u-owner", "u-owner")).toContain("co-reviewer");
    expect(reviewerBlocker(actions, "u-owner", "u-other")).toContain("co-reviewer owns");
    expect(reviewerBlocker(actions, "u-owner", "u-auditor")).toBeNull();
  });

  it("an open action past its due date is overdue", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-01-01" }, "2026-01-02")).toBe(true);
    expect(isOverdue({ status: "open", dueDate: "2026-01-02" }, "2026-01-02")).toBe(false);
    expect(isOverdue({ status: "done", dueDate: "2026-01-01" }, "2026-01-02")).toBe(false);
  });
});
