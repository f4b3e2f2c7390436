import { describe, expect, it } from "vitest";
import { compareBaseline } from "./baseline.js";
import { WorkCalendar, weekOf } from "./calendar.js";
import { type PlanTask, personLoad, schedulePlan } from "./plan.js";

const task = (id: string, over: Partial<PlanTask> = {}): PlanTask => ({
  id,
  ref: id.toUpperCase(),
  title: `Task ${id}`,
  ownerId: "u1",
  effortDays: 2,
  start: null,
  due: null,
  milestone: false,
  ...over,
});

describe("working calendar", () => {
  const cal = new WorkCalendar({ weekends: [0, 6], holidays: ["2026-12-25"] }, "2026-12-21");
  it("skips weekends and holidays", () => {
    expect(cal.dateOf(0)).toBe("2026-12-21");
    expect(cal.dateOf(3)).toBe("2026-12-24");
    expect(cal.dateOf(4)).toBe("2026-12-28");
    expect(cal.indexOf("2026-12-26")).toBe(4);
    expect(cal.workingDaysBetween("2026-12-21", "2027-01-01")).toBe(9);
    expect(cal.isWorking("2026-12-25")).toBe(false);
  });
  it("weeks start on Monday", () => {
    expect(weekOf("2026-12-27")).toBe("2026-12-21");
    expect(weekOf("2026-12-21")).toBe("2026-12-21");
  });
  it("a calendar without a working day is refused", () => {
    expect(() => new WorkCalendar({ weekends: [0, 1, 2, 3, 4, 5, 6], holidays: [] }, "2026-01-01")).toThrow(/working day/);
  });
});

describe("plan schedule", () => {
  const spec = { weekends: [0, 6], holidays: ["2027-01-01"] };
  it("schedules in working days from the planned starts, with lags, and names the critical path", () => {
    const tasks = [
      task("a", { start: "2026-12-28", due: "2026-12-30" }),
      task("b", { effortDays: 2 }),
      task("c", { effortDays: 1 }),
      task("m", { milestone: true, due: "2027-01-05" }),
    ];
    const s = schedulePlan(
      tasks,
      [
        { predecessorId: "a", successorId: "b", lagDays: 1 },
        { predecessorId: "a", successorId: "c", lagDays: 0 },
        { predecessorId: "b", successorId: "m", lagDays: 0 },
      ],
      spec,
      "2026-12-01",
    );
    if (!s.ok) throw new Error("cycle");
    expect(s.start).toBe("2026-12-28");
    const b = s.tasks.find((t) => t.id === "b");
    // a ends on Wednesday 30th; one day lag (31st); the 1st is a holiday: b runs on the 4th and 5th.
    expect(b).toMatchObject({ earlyStart: "2027-01-04", earlyFinish: "2027-01-05", critical: true });
    expect(s.tasks.find((t) => t.id === "c")).toMatchObject({ earlyStart: "2026-12-31", critical: false, slack: 2 });
    expect(s.critical).toEqual(["a", "b", "m"]);
    expect(s.finish).toBe("2027-01-05");
  });

  it("marks a person over-allocated in a week of more work than working days", () => {
    const tasks = [task("a", { effortDays: 5 }), task("b", { effortDays: 5 }), task("c", { effortDays: 1, ownerId: "u2" })];
    const s = schedulePlan(tasks, [], spec, "2026-12-07");
    if (!s.ok) throw new Error("cycle");
    const load = personLoad(tasks, s.tasks, spec, s.start);
    expect(load).toEqual([
      { ownerId: "u1", weeks: [{ week: "2026-12-07", load: 10, capacity: 5, overAllocated: true }] },
      { ownerId: "u2", weeks: [{ week: "2026-12-07", load: 1, capacity: 5, overAllocated: false }] },
    ]);
  });
});

describe("baseline", () => {
  it("lists slipped tasks and milestones, added and removed ones", () => {
    const base = [
      { id: "a", ref: "T-1", title: "A", milestone: false, start: "2027-01-04", finish: "2027-01-08" },
      { id: "m", ref: "T-2", title: "Go live", milestone: true, start: "2027-02-01", finish: "2027-02-01" },
      { id: "gone", ref: "T-3", title: "Gone", milestone: false, start: "2027-01-04", finish: "2027-01-05" },
    ];
    const now = [
      { id: "a", ref: "T-1", title: "A", milestone: false, start: "2027-01-04", finish: "2027-01-11" },
      { id: "m", ref: "T-2", title: "Go live", milestone: true, start: "2027-02-08", finish: "2027-02-08" },
      { id: "new", ref: "T-4", title: "New", milestone: false, start: "2027-01-04", finish: "2027-01-04" },
    ];
    const c = compareBaseline(base, now);
    expect(c.slipped.map((s) => [s.ref, s.daysLate])).toEqual([["T-1", 3]]);
    expect(c.slippedMilestones.map((s) => [s.ref, s.daysLate])).toEqual([["T-2", 7]]);
    expect(c.added.map((a) => a.ref)).toEqual(["T-4"]);
    expect(c.removed.map((a) => a.ref)).toEqual(["T-3"]);
    expect(c.currentFinish).toBe("2027-02-08");
  });
});
