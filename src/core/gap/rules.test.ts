import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import shipped from "../../../catalogs/iso27001-2022.json" with { type: "json" };
import { loadCatalogText } from "../process/catalog.js";
import { emptyProcessData, type ProcessData } from "../process/data.js";
import { evaluate } from "../process/engine.js";
import { RULE_NAMES, RULES } from "../process/rules.js";
import { indexReference, type Reference } from "./reference.js";
import { GAP_RULES, type GapData, gapData } from "./rules.js";
import { type AssessmentFacts, GAP_STATUSES, isComplete } from "./summary.js";

const REFERENCE = indexReference(shipped as Reference);
const loaded = loadCatalogText(readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"), "yaml", RULE_NAMES);
if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
const CATALOG = loaded.catalog;

const activity74 = (gap: GapData | undefined) => {
  const data: ProcessData = { ...emptyProcessData(), ...(gap ? { gap } : {}) };
  return evaluate(CATALOG, data, { ...RULES, ...GAP_RULES }).activities.find((a) => a.id === "7.4")!;
};
const rule = (gap: GapData | undefined) => GAP_RULES["gap-assessment-complete"]!({ ...emptyProcessData(), ...(gap ? { gap } : {}) });

const everything = (status: (typeof GAP_STATUSES)[number]): AssessmentFacts[] =>
  REFERENCE.items.map((item) => ({ itemId: item.id, status, maturity: null }));

describe("7.4 gap-assessment-complete", () => {
  it("with nothing recorded, is not started and asks for a status on every clause item and control", () => {
    const result = rule(undefined);
    expect(result.started).toBe(false);
    expect(result.checks.map((c) => [c.id, c.ok])).toEqual([
      ["gap-clauses", false],
      ["gap-controls", false],
    ]);
    expect(result.checks[0]?.missing[0]?.link).toEqual({ register: "gap-assessment" });
  });

  it("names how many items are missing and the first few, linking to the first", () => {
    const gap = gapData(REFERENCE, [{ itemId: "4.1", status: "implemented", maturity: 3 }]);
    expect(gap.clauses).toMatchObject({ total: 30 });
    expect(gap.controls).toMatchObject({ total: 93 });
    expect(activity74(gap).checks).toEqual([
      {
        id: "gap-clauses",
        label: "Every clause 4–10 item has a status",
        ok: false,
        missing: [
          {
            message: "No status yet for 29 of 30 clause items: 4.2, 4.3, 4.4, 5.1, 5.2 and 24 more.",
            link: { register: "gap-assessment", id: "4.2" },
          },
        ],
      },
      {
        id: "gap-controls",
        label: "Every Annex A control has a status",
        ok: false,
        missing: [
          {
            message: "No status yet for 93 of 93 Annex A controls: A.5.1, A.5.2, A.5.3, A.5.4, A.5.5 and 88 more.",
            link: { register: "gap-assessment", id: "A.5.1" },
          },
        ],
      },
    ]);
    expect(rule(gap).started).toBe(true);
  });

  it("passes once every item has a status, whichever it is, and not while one is left", () => {
    for (const status of GAP_STATUSES.filter((s) => s !== "not_assessed")) {
      expect(activity74(gapData(REFERENCE, everything(status))).checks.every((c) => c.ok)).toBe(true);
    }
    const allButLast = everything("implemented").slice(0, -1);
    const last = rule(gapData(REFERENCE, allButLast)).checks;
    expect(last.map((c) => c.ok)).toEqual([true, false]);
    expect(last[1]?.missing[0]?.message).toBe("No status yet for 1 of 93 Annex A controls: A.8.34.");
  });

  it("holds exactly when the assessment is complete", () => {
    const facts = fc.array(
      fc.record({
        itemId: fc.constantFrom(...REFERENCE.items.map((i) => i.id)),
        status: fc.constantFrom(...GAP_STATUSES),
        maturity: fc.constant(null),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          facts,
          facts.map((f) => [...everything("implemented"), ...f]),
        ),
        (assessments) => {
          const result = rule(gapData(REFERENCE, assessments));
          expect(result.checks.every((c) => c.ok)).toBe(isComplete(REFERENCE, assessments));
        },
      ),
    );
  });
});
