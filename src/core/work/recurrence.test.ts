import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  endedPeriods,
  FREQUENCIES,
  indexOnOrBefore,
  isIsoDate,
  nextAfter,
  occurrence,
  occurrences,
  periodOf,
  type Schedule,
  scheduleProblems,
} from "./recurrence.js";

const date = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const schedule: fc.Arbitrary<Schedule> = fc.record({
  start: date,
  frequency: fc.constantFrom(...FREQUENCIES),
  interval: fc.integer({ min: 1, max: 24 }),
});

describe("recurrence", () => {
  it("keeps the day of month, clamped to short months, without drift", () => {
    const s: Schedule = { start: "2026-01-31", frequency: "monthly", interval: 1 };
    expect(occurrences(s, "2026-01-01", "2026-05-31")).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]);
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(occurrences({ start: "2026-01-01", frequency: "quarterly", interval: 1 }, "2026-01-01", "2026-12-31")).toEqual([
      "2026-01-01",
      "2026-04-01",
      "2026-07-01",
      "2026-10-01",
    ]);
    expect(periodOf(s, "2026-03-15")).toEqual({ start: "2026-02-28", end: "2026-03-31" });
    expect(periodOf(s, "2025-12-31")).toBeNull();
    expect(endedPeriods({ start: "2026-01-01", frequency: "monthly", interval: 1 }, "2026-04-10", 2)).toEqual([
      { start: "2026-02-01", end: "2026-03-01" },
      { start: "2026-03-01", end: "2026-04-01" },
    ]);
  });

  it("names the problems of a schedule", () => {
    expect(scheduleProblems({ start: "2026-02-30", frequency: "hourly" as never, interval: 0 }).map((p) => p.field)).toEqual([
      "start",
      "frequency",
      "interval",
    ]);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
  });

  it("gives occurrences that increase strictly, lie within the window and are the schedule's own", () => {
    fc.assert(
      fc.property(schedule, date, fc.integer({ min: 0, max: 800 }), (s, from, days) => {
        const to = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
        const list = occurrences(s, from, to);
        for (let i = 0; i < list.length; i++) {
          const d = list[i] as string;
          expect(d >= from && d <= to && d >= s.start).toBe(true);
          if (i > 0) expect(d > (list[i - 1] as string)).toBe(true);
          expect(occurrence(s, indexOnOrBefore(s, d))).toBe(d);
        }
        // Nothing in the window is left out: the next occurrence after the last listed lies past the window.
        const last = list.at(-1);
        if (last) expect(nextAfter(s, last) > to).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("respects the interval: consecutive occurrences are one step apart", () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 200 }), (s, n) => {
        const a = occurrence(s, n);
        const b = occurrence(s, n + 1);
        const days = (Date.parse(b) - Date.parse(a)) / 86_400_000;
        if (s.frequency === "daily") expect(days).toBe(s.interval);
        else if (s.frequency === "weekly") expect(days).toBe(7 * s.interval);
        else {
          const months = { monthly: 1, quarterly: 3, yearly: 12 }[s.frequency] * s.interval;
          expect(days).toBeGreaterThanOrEqual(months * 28 - 3);
          expect(days).toBeLessThanOrEqual(months * 31 + 3);
        }
      }),
    );
  });

  it("puts every date on or after the start in exactly one period", () => {
    fc.assert(
      fc.property(schedule, date, (s, d) => {
        const p = periodOf(s, d);
        if (d < s.start) expect(p).toBeNull();
        else {
          expect(p).not.toBeNull();
          expect(p?.start && p.start <= d && d < p.end).toBe(true);
          expect(nextAfter(s, d)).toBe(p?.end);
        }
      }),
    );
  });
});
