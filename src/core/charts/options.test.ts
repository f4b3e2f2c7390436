import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ganttOption, trendOption } from "./options.js";

const isoDay = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

describe("ganttOption", () => {
  it("puts each bar at its start, as long as its working span, never shorter than a day", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(isoDay, fc.integer({ min: 0, max: 90 }), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        (raw) => {
          const tasks = raw.map(([start, span, critical, milestone], i) => {
            const finish = new Date(Date.parse(start) + span * 86_400_000).toISOString().slice(0, 10);
            return { ref: `T-${i}`, title: `Task ${i}`, start, finish, critical, milestone };
          });
          const option = ganttOption(tasks, { task: "#111111", critical: "#ff0000", milestone: "#00ff00" });
          const [offsets, bars] = option.series as unknown as [
            { data: number[] },
            { data: { value: number; itemStyle: { color: string } }[] },
          ];
          expect(Math.min(...offsets.data)).toBe(0);
          tasks.forEach((t, i) => {
            expect(bars.data[i]?.value).toBe(raw[i]?.[1] === 0 ? 1 : (raw[i]?.[1] as number) + 1);
            expect(bars.data[i]?.itemStyle.color).toBe(t.milestone ? "#00ff00" : t.critical ? "#ff0000" : "#111111");
          });
          expect(option.yAxis.data).toHaveLength(tasks.length);
        },
      ),
    );
  });

  it("labels the axis with dates counted from the plan's start", () => {
    const option = ganttOption([{ ref: "T-1", title: "A", start: "2027-02-01", finish: "2027-02-05", critical: true, milestone: false }], {
      task: "#000",
      critical: "#f00",
      milestone: "#0f0",
    });
    expect(option.xAxis.axisLabel.formatter(3)).toBe("2027-02-04");
  });
});

describe("trendOption", () => {
  it("draws the target only when there is one", () => {
    const points = [
      { period: "2026-01-01", value: 3 },
      { period: "2026-02-01", value: null },
    ];
    const withTarget = trendOption("M", points, 5, { line: "#000", target: "#f00" });
    expect(withTarget.series[0]?.data).toEqual([3, null]);
    expect(withTarget.series[0]).toHaveProperty("markLine");
    expect(trendOption("M", points, null, { line: "#000", target: "#f00" }).series[0]).not.toHaveProperty("markLine");
  });
});
