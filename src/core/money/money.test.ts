import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountText, formatDate, formatMoney, formatNumber, isCurrencyCode, parseAmount } from "./money.js";

const value = (text: string, locale: string) => {
  const r = parseAmount(text, locale);
  return r.ok ? r.value : r.message;
};

describe("amounts as people type them (issue 11, item 10)", () => {
  it("reads what its shape settles in any locale", () => {
    for (const locale of ["en-GB", "de-DE", "fr-FR"]) {
      expect(value("12.500,00", locale)).toBe(12500);
      expect(value("12,500.00", locale)).toBe(12500);
      expect(value("1.000.000", locale)).toBe(1_000_000);
      expect(value("12,5", locale)).toBe(12.5);
      expect(value("18.50", locale)).toBe(18.5);
      expect(value("18000", locale)).toBe(18000);
      expect(value("EUR 18 000", locale)).toBe(18000);
      expect(value("€1’250.5", locale)).toBe(1250.5);
    }
  });

  it("reads a single separator before three digits by the locale where it groups, and refuses it where it marks decimals, naming both readings", () => {
    expect(value("18.000", "de-DE")).toBe(18000);
    expect(value("18,000", "en-GB")).toBe(18000);
    expect(value("18.000", "en-GB")).toMatch(/"18\.000" is ambiguous: it could mean 18 or 18,000/);
    expect(value("18,000", "de-DE")).toMatch(/"18,000" is ambiguous: it could mean 18 or 18\.000/);
  });

  it("refuses what is not an amount", () => {
    expect(value("", "en-GB")).toBe("must be an amount");
    expect(value("12a", "en-GB")).toMatch(/not an amount/);
    expect(value("1,00,000.5", "en-GB")).toMatch(/thousands separators in the wrong places/);
    expect(value("1.2.3,4,5", "de-DE")).toMatch(/decimal separator twice|wrong places/);
  });

  it("reads back what it formats for an input, in every locale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("en-GB", "de-DE", "fr-FR", "de-CH"),
        (whole, cents, locale) => {
          const amount = whole + cents / 100;
          const typed = amountText(amount, locale);
          // A whole number prints without a separator, so nothing is ambiguous.
          expect(parseAmount(typed, locale)).toEqual({ ok: true, value: amount });
        },
      ),
    );
  });

  it("formats money in the locale with its currency", () => {
    expect(formatMoney(18000, "EUR", "de-DE")).toBe("18.000,00\u00a0€");
    expect(formatMoney(18000, "EUR", "en-GB")).toBe("€18,000.00");
    expect(formatMoney(5, "XXZ", "en-GB")).toMatch(/5/);
  });

  it("knows the ISO 4217 codes, not any three letters", () => {
    for (const code of ["EUR", "CHF", "USD", "JPY", "SEK"]) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ["XXZ", "EURO", "eur", ""]) expect(isCurrencyCode(code)).toBe(false);
  });

  it("writes numbers and dates the locale's way", () => {
    expect(formatNumber(12500.456, "de-DE")).toBe("12.500,46");
    expect(formatNumber(12500.456, "en-GB")).toBe("12,500.46");
    expect(formatDate("2027-03-31", "de-DE")).toBe("31.03.2027");
    expect(formatDate("2027-03-31T23:30:00.000Z", "en-GB")).toBe("31/03/2027");
    expect(formatDate("2027-03-31", "en-US")).toBe("03/31/2027");
    expect(formatDate("not a date", "de-DE")).toBe("not a date");
  });
});
