import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFormula } from "./formula.js";

const compiled = (source: string, keys = ["patched", "total"]) => {
  const check = compileFormula(source, keys);
  if (!check.ok) throw new Error(`${check.reason} at ${check.position.offset}`);
  return check.formula;
};

describe("formulas", () => {
  it("evaluates arithmetic with integer literals as numbers", () => {
    expect(compiled("patched / total * 100").evaluate({ patched: 45, total: 50 })).toEqual({ value: 90, reason: null });
    expect(compiled("max(patched - total, 0) + abs(-2)").evaluate({ patched: 1, total: 5 }).value).toBe(2);
    expect(compiled("total > 0 ? patched / total : 0").evaluate({ patched: 1, total: 0 }).value).toBe(0);
  });

  it("refuses an invalid formula with the position and the reason", () => {
    const syntax = compileFormula("patched / (total *", ["patched", "total"]);
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.reason).toMatch(/^syntax error/);
    const unknown = compileFormula("patched / totl", ["patched", "total"]);
    expect(unknown).toMatchObject({ ok: false, position: { offset: 10, line: 1, column: 11 } });
    if (!unknown.ok) expect(unknown.reason).toContain('"totl" is not a base measure');
    expect(compileFormula("1 + size(patched)", ["patched"])).toMatchObject({ ok: false, position: { offset: 4 } });
    expect(compileFormula("'a'", [])).toMatchObject({ ok: false });
    expect(compileFormula("[1, 2]", [])).toMatchObject({ ok: false });
    expect(compileFormula("patched.size()", ["patched"])).toMatchObject({ ok: false });
    expect(compileFormula("  ", [])).toMatchObject({ ok: false, reason: "the formula is empty" });
  });

  it("gives no value, with the reason, for a division by zero or a missing value", () => {
    const f = compiled("patched / total * 100");
    expect(f.evaluate({ patched: 3, total: 0 })).toEqual({ value: null, reason: "the formula divides by zero in this period" });
    expect(f.evaluate({ patched: 3 })).toEqual({ value: null, reason: "no value for total in this period" });
    expect(f.evaluate({ patched: 3, total: null })).toEqual({ value: null, reason: "no value for total in this period" });
    expect(compiled("patched > total").evaluate({ patched: 1, total: 0 }).value).toBeNull();
  });

  it("never gives NaN or Infinity, whatever the values", () => {
    const f = compiled("patched / total * 100 - total / (patched - total)");
    fc.assert(
      fc.property(fc.option(fc.double(), { nil: undefined }), fc.option(fc.double(), { nil: undefined }), (patched, total) => {
        const r = f.evaluate({ patched, total });
        if (r.value === null) expect(r.reason.length).toBeGreaterThan(0);
        else expect(Number.isFinite(r.value)).toBe(true);
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const check = compileFormula(text, ["a", "b"]);
        if (check.ok) expect(check.formula.evaluate({ a: 1, b: 2 })).toHaveProperty("reason");
        else expect(check.position.offset).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
