import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJustified, markNotApplicable } from "./not-applicable.js";

const whitespace = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\ufeff") });

describe("not applicable", () => {
  it("refuses any justification that is empty or only whitespace", () => {
    fc.assert(
      fc.property(whitespace, (blank) => {
        const result = markNotApplicable(blank);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatch(/justification is required/);
        expect(isJustified({ justification: blank })).toBe(false);
      }),
    );
  });

  it("accepts any justification with content, trimmed", () => {
    fc.assert(
      fc.property(
        whitespace,
        fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
        whitespace,
        (before, text, after) => {
          const result = markNotApplicable(before + text + after);
          expect(result).toEqual({ ok: true, value: { justification: (before + text + after).trim() } });
          expect(isJustified({ justification: text })).toBe(true);
        },
      ),
    );
  });

  it("treats a missing entry as not marked", () => {
    expect(isJustified(undefined)).toBe(false);
  });
});
