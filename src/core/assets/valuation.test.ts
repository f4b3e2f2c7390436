import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInScope, supportLinkProblem } from "./inventory.js";
import {
  ciaNeeds,
  DEFAULT_VALUATION_SCALE,
  deriveValuation,
  effectiveValuation,
  levelProblems,
  type Valuation,
  type ValuationScale,
  type ValuedAsset,
} from "./valuation.js";

const scaleArb: fc.Arbitrary<ValuationScale> = fc
  .uniqueArray(fc.constantFrom("confidentiality", "integrity", "availability", "authenticity", "privacy", "constructor"), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((key) =>
        fc
          .array(fc.constantFrom("Low", "Medium", "High", "Critical"), { minLength: 2, maxLength: 10 })
          .map((levels) => ({ key, label: key.toUpperCase(), levels })),
      ),
    ),
  )
  .map((objectives) => ({ objectives }));

/** A partial valuation that fits the scale: some objectives valued, within their levels. */
const valuationArb = (scale: ValuationScale): fc.Arbitrary<Valuation> =>
  fc
    .tuple(...scale.objectives.map((o) => fc.option(fc.integer({ min: 1, max: o.levels.length }), { nil: undefined })))
    .map((values) => Object.fromEntries(scale.objectives.flatMap((o, i) => (values[i] === undefined ? [] : [[o.key, values[i]]]))));

const caseArb = scaleArb.chain((scale) =>
  fc.record({
    scale: fc.constant(scale),
    own: valuationArb(scale),
    override: fc.oneof(fc.constant<Valuation>({}), valuationArb(scale)),
    reason: fc.constantFrom("Holds the signing keys", null),
    supported: fc.array(fc.record({ id: fc.uuid(), name: fc.string({ minLength: 1, maxLength: 10 }), valuation: valuationArb(scale) }), {
      maxLength: 5,
    }),
  }),
);

const asset = (own: Valuation, override: Valuation = {}, overrideReason: string | null = null) => ({
  id: "a",
  name: "Server",
  valuation: own,
  override,
  overrideReason,
});

const has = (v: Valuation, key: string) => Object.hasOwn(v, key);

describe("deriveValuation", () => {
  it("gives one value per objective of the scale, in the scale's order, null exactly when not valued", () => {
    fc.assert(
      fc.property(caseArb, ({ scale, own, override, reason, supported }) => {
        const values = deriveValuation(asset(own, override, reason), supported, scale);
        expect(values.map((v) => v.objective)).toEqual(scale.objectives.map((o) => o.key));
        for (const v of values) {
          expect(v.value === null).toBe(v.source === "none");
          expect(v.explanation).toContain(v.label);
          if (v.value !== null) expect(v.explanation).toContain(String(v.value));
        }
      }),
    );
  });

  it("an override wins over everything else", () => {
    fc.assert(
      fc.property(caseArb, ({ scale, own, override, supported }) => {
        const values = deriveValuation(asset(own, override, "Holds the signing keys"), supported, scale);
        for (const v of values.filter((v) => has(override, v.objective))) {
          expect(v).toMatchObject({ value: override[v.objective], source: "override" });
          expect(v.explanation).toContain("Holds the signing keys");
        }
      }),
    );
  });

  it("without an override, a derived value is the highest of the supported assets that have one, naming those that reach it", () => {
    fc.assert(
      fc.property(caseArb, ({ scale, own, supported }) => {
        const values = deriveValuation(asset(own), supported, scale);
        for (const v of values) {
          const valued = supported.filter((s) => has(s.valuation, v.objective));
          if (valued.length === 0) {
            expect(v.source).not.toBe("derived");
            continue;
          }
          const highest = Math.max(...valued.map((s) => s.valuation[v.objective]!));
          expect(v).toMatchObject({ value: highest, source: "derived" });
          expect(v.from.map((f) => f.id)).toEqual(valued.filter((s) => s.valuation[v.objective] === highest).map((s) => s.id));
          for (const s of valued) expect(v.explanation).toContain(s.name);
        }
      }),
    );
  });

  it("supporting nothing, an asset keeps its own values", () => {
    fc.assert(
      fc.property(caseArb, ({ scale, own }) => {
        const values = deriveValuation(asset(own), [], scale);
        expect(effectiveValuation(values)).toEqual(
          Object.fromEntries(scale.objectives.map((o) => [o.key, has(own, o.key) ? own[o.key] : null])),
        );
        for (const v of values) expect(v.source).toBe(has(own, v.objective) ? "own" : "none");
      }),
    );
  });

  it("falls back to the asset's own value when none of what it supports is valued on that objective", () => {
    const supported: ValuedAsset[] = [{ id: "p", name: "Payroll", valuation: { confidentiality: 4 } }];
    const values = deriveValuation(asset({ availability: 2 }), supported, DEFAULT_VALUATION_SCALE);
    expect(values.map((v) => [v.objective, v.value, v.source])).toEqual([
      ["confidentiality", 4, "derived"],
      ["integrity", null, "none"],
      ["availability", 2, "own"],
    ]);
    expect(values[0]!.explanation).toBe("Confidentiality 4 (Very high), the highest among the assets it supports (Payroll: 4).");
    expect(values[1]!.explanation).toBe(
      "Integrity is not valued: none of the assets it supports has a value for it, and the asset has none of its own.",
    );
  });

  it("ignores values for objectives the scale does not have", () => {
    const values = deriveValuation(asset({ retired: 3, integrity: 1 }), [], DEFAULT_VALUATION_SCALE);
    expect(effectiveValuation(values)).toEqual({ confidentiality: null, integrity: 1, availability: null });
  });
});

describe("levels against the scale", () => {
  it("refuses unknown objectives for assets, allows them for requirement needs, and bounds levels by the objective's scale", () => {
    const scale: ValuationScale = { objectives: [{ key: "confidentiality", label: "C", levels: ["low", "mid", "high"] }] };
    expect(levelProblems(scale, { confidentiality: 3 }, "refuse")).toEqual([]);
    expect(levelProblems(scale, { confidentiality: 4, integrity: 1 }, "refuse")).toEqual([
      { key: "confidentiality", message: "must be a level from 1 to 3" },
      { key: "integrity", message: "is not a security objective of the valuation scale" },
    ]);
    expect(levelProblems(scale, ciaNeeds({ confidentiality: 4, integrity: 9, availability: null }), "allow")).toEqual([
      { key: "confidentiality", message: "must be a level from 1 to 3" },
    ]);
  });
});

describe("supports links and scope", () => {
  const server = { id: "s", kind: "hardware" };
  const payroll = { id: "p", kind: "business_process" };
  it("run only from a supporting asset to a primary one, never to itself", () => {
    expect(supportLinkProblem(server, payroll)).toBeNull();
    expect(supportLinkProblem(server, server)?.field).toBe("primaryAssetId");
    expect(supportLinkProblem(payroll, payroll)?.message).toMatch(/itself/);
    expect(supportLinkProblem(payroll, { id: "q", kind: "information" })?.field).toBe("assetId");
    expect(supportLinkProblem(server, { id: "t", kind: "software" })?.field).toBe("primaryAssetId");
  });

  it("an asset is in scope unless its location is an element recorded as out of scope", () => {
    const out = new Set(["excluded-site"]);
    expect(isInScope(null, out)).toBe(true);
    expect(isInScope("included-site", out)).toBe(true);
    expect(isInScope("excluded-site", out)).toBe(false);
  });
});
