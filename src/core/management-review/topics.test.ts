import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyProcessData } from "../process/data.js";
import { MANAGEMENT_REVIEW_RULES } from "./rules.js";
import { assembleInputs, ITEMS_LISTED, nextReviewDate, REVIEW_TOPICS } from "./topics.js";

describe("management review inputs", () => {
  it("lists every topic of 9.3.2 in order, an absent register as not available", () => {
    const inputs = assembleInputs(null, "2026-11-30", {
      "d.1": { available: true, summary: "1 open", items: [{ id: "n1", ref: "NC-001", title: "x", detail: null }], total: 1 },
    });
    expect(inputs.topics.map((t) => t.id)).toEqual(["a", "b", "c", "d.1", "d.2", "d.3", "d.4", "e", "f", "g"]);
    expect(inputs.topics[3]).toMatchObject({ title: "Nonconformities and corrective actions", available: true, total: 1 });
    expect(inputs.topics[4]).toMatchObject({ available: false });
  });

  it("lists at most ITEMS_LISTED items per topic but keeps the total (property)", () => {
    fc.assert(
      fc.property(fc.nat(120), (n) => {
        const items = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, ref: `R-${i}`, title: "t", detail: null }));
        const topic = assembleInputs(null, "2026-01-01", { f: { available: true, summary: "", items, total: n } }).topics.find(
          (t) => t.id === "f",
        )!;
        expect(topic.items.length).toBe(Math.min(n, ITEMS_LISTED));
        expect(topic.total).toBe(n);
      }),
    );
    expect(REVIEW_TOPICS.length).toBe(10);
  });

  it("plans the next review at the frequency, clamped to the month's end", () => {
    expect(nextReviewDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(nextReviewDate("2026-03-15", 12)).toBe("2027-03-15");
  });

  it("9.4d names a review without date, frequency or participants", () => {
    const rule = MANAGEMENT_REVIEW_RULES["management-review-planned"]!;
    expect(rule(emptyProcessData()).checks[0]?.ok).toBe(false);
    const result = rule({
      ...emptyProcessData(),
      managementReview: {
        reviews: [
          {
            id: "r",
            ref: "MR-001",
            title: "Annual",
            plannedDate: "2026-11-30",
            frequencyMonths: null,
            participants: "",
            status: "planned",
          },
        ],
      },
    });
    expect(result.checks.flatMap((c) => c.missing.map((m) => m.message))).toEqual([
      'Management review MR-001 "Annual" lacks a frequency, its participants.',
    ]);
  });
});
