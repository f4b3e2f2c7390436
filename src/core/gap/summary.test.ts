import fc from "fast-check";
import { describe, expect, it } from "vitest";
import shipped from "../../../catalogs/iso27001-2022.json" with { type: "json" };
import { indexReference, type Reference, type ReferenceClause, type ReferenceIndex, THEMES } from "./reference.js";
import { type AssessmentFacts, GAP_STATUSES, type GapStatus, isComplete, MAX_MATURITY, summarize, unassessedItems } from "./summary.js";

const SHIPPED = indexReference(shipped as Reference);

/** A reference shaped like the standard: top-level clauses with nested sub-clauses, and controls in themes. */
const referenceArb: fc.Arbitrary<Reference> = fc
  .record({
    tops: fc.array(fc.array(fc.nat({ max: 3 }), { maxLength: 4 }), { minLength: 1, maxLength: 7 }),
    controls: fc.array(fc.constantFrom(...THEMES), { maxLength: 40 }),
  })
  .map(({ tops, controls }) => {
    const clauses: ReferenceClause[] = [];
    tops.forEach((children, t) => {
      const top = String(t + 4);
      clauses.push({ id: top, title: `Clause ${top}`, parent: null });
      children.forEach((grandchildren, c) => {
        const child = `${top}.${c + 1}`;
        clauses.push({ id: child, title: `Clause ${child}`, parent: top });
        for (let g = 1; g <= grandchildren; g++) clauses.push({ id: `${child}.${g}`, title: `Clause ${child}.${g}`, parent: child });
      });
    });
    return {
      id: "test",
      title: "Test reference",
      clauses,
      controls: controls.map((theme, i) => ({ id: `A.${i + 1}`, title: `Control ${i + 1}`, theme, newIn2022: i % 7 === 0 })),
    };
  });

const factsArb = (index: ReferenceIndex): fc.Arbitrary<AssessmentFacts[]> =>
  fc.array(
    fc.record({
      // Now and then an id the reference does not have (a heading, a withdrawn item): it must not count.
      itemId: fc.oneof(
        { weight: 9, arbitrary: index.items.length ? fc.constantFrom(...index.items.map((i) => i.id)) : fc.constant("x") },
        { weight: 1, arbitrary: fc.constantFrom("4", "A.99", "constructor") },
      ),
      status: fc.constantFrom(...GAP_STATUSES),
      maturity: fc.option(fc.integer({ min: 0, max: MAX_MATURITY }), { nil: null }),
    }),
    { maxLength: 150 },
  );

const caseArb = fc
  .oneof(fc.constant(SHIPPED), referenceArb.map(indexReference))
  .chain((index) => fc.tuple(fc.constant(index), factsArb(index)));

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const countsTotal = (counts: Record<GapStatus, number>) => sum(GAP_STATUSES.map((s) => counts[s]));

describe("gap summary properties", () => {
  it("status counts add up to each group's total, and the groups to the overall total", () => {
    fc.assert(
      fc.property(caseArb, ([index, facts]) => {
        const summary = summarize(index, facts);
        for (const group of [...summary.byTheme, ...summary.byClause, summary.totals]) expect(countsTotal(group.counts)).toBe(group.total);
        const controls = index.items.filter((i) => i.kind === "control").length;
        expect(sum(summary.byTheme.map((g) => g.total))).toBe(controls);
        expect(sum(summary.byClause.map((g) => g.total))).toBe(index.items.length - controls);
        expect(summary.totals.total).toBe(index.items.length);
        for (const status of GAP_STATUSES) {
          const perGroup = sum([...summary.byTheme, ...summary.byClause].map((g) => g.counts[status]));
          expect(perGroup).toBe(summary.totals.counts[status]);
        }
      }),
    );
  });

  it("the maturity profile counts only rated items in place, and its average lies in 0–5", () => {
    fc.assert(
      fc.property(caseArb, ([index, facts]) => {
        const summary = summarize(index, facts);
        for (const group of [...summary.byTheme, ...summary.byClause, summary.totals]) {
          const { rated, average, distribution } = group.maturity;
          expect(distribution).toHaveLength(MAX_MATURITY + 1);
          expect(sum(distribution)).toBe(rated);
          expect(rated).toBeLessThanOrEqual(group.total - group.counts.not_assessed - group.counts.not_applicable);
          if (rated === 0) expect(average).toBeNull();
          else {
            expect(average).toBeCloseTo(sum(distribution.map((n, level) => n * level)) / rated, 10);
            expect(average).toBeGreaterThanOrEqual(0);
            expect(average).toBeLessThanOrEqual(MAX_MATURITY);
          }
        }
      }),
    );
  });

  it("is complete exactly when no item is left not assessed", () => {
    fc.assert(
      fc.property(caseArb, ([index, facts]) => {
        const complete = isComplete(index, facts);
        expect(summarize(index, facts).complete).toBe(complete);
        expect(complete).toBe(unassessedItems(index, facts).length === 0);
        const last = new Map(facts.map((f) => [f.itemId, f.status]));
        expect(complete).toBe(index.items.every((item) => (last.get(item.id) ?? "not_assessed") !== "not_assessed"));
      }),
    );
  });

  it("assessing every remaining item completes it, and taking one back undoes that", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...GAP_STATUSES.filter((s) => s !== "not_assessed")), ([index, facts], status) => {
        const rest = unassessedItems(index, facts).map((item) => ({ itemId: item.id, status, maturity: null }));
        const all = [...facts, ...rest];
        expect(isComplete(index, all)).toBe(true);
        const [first] = index.items;
        if (first) expect(isComplete(index, [...all, { itemId: first.id, status: "not_assessed", maturity: 3 }])).toBe(false);
      }),
    );
  });
});

describe("gap summary of the shipped reference", () => {
  it("groups by the four themes and the clauses 4 to 10, and leaves headings out", () => {
    const summary = summarize(SHIPPED, [
      { itemId: "A.5.1", status: "implemented", maturity: 4 },
      { itemId: "A.5.2", status: "partially_implemented", maturity: 2 },
      { itemId: "A.7.1", status: "not_applicable", maturity: 5 },
      { itemId: "6.1.2", status: "not_implemented", maturity: 0 },
      { itemId: "6", status: "implemented", maturity: 5 },
    ]);
    expect(summary.byTheme.map((g) => [g.key, g.total])).toEqual([
      ["organizational", 37],
      ["people", 8],
      ["physical", 14],
      ["technological", 34],
    ]);
    expect(summary.byClause.map((g) => g.key)).toEqual(["4", "5", "6", "7", "8", "9", "10"]);
    expect(summary.byClause.find((g) => g.key === "6")).toMatchObject({
      title: "Planning",
      total: 5,
      counts: { not_implemented: 1, implemented: 0, not_assessed: 4 },
      maturity: { rated: 1, average: 0, distribution: [1, 0, 0, 0, 0, 0] },
    });
    expect(summary.byTheme[0]?.maturity).toEqual({ rated: 2, average: 3, distribution: [0, 0, 1, 0, 1, 0] });
    expect(summary.byTheme[2]?.counts.not_applicable).toBe(1);
    expect(summary.byTheme[2]?.maturity.rated).toBe(0);
    expect(summary.totals).toMatchObject({ total: 123, counts: { not_assessed: 119 } });
    expect(summary.complete).toBe(false);
  });
});
