/**
 * Amounts as people type them. "18.000" is eighteen thousand in Berlin and eighteen in London;
 * "12.500,00" is twelve thousand five hundred. An amount is read by the organization's locale
 * where its separators say something only that locale can settle, by its own shape where it
 * settles itself (both separators present, a separator repeated, a single separator not
 * followed by exactly three digits), and refused, naming the reading it cannot choose between,
 * where neither settles it. Nothing is read silently as something else.
 */

export const DEFAULT_CURRENCY = "EUR";
export const DEFAULT_LOCALE = "en-GB";

/** The locales the organization may choose from: their number formats differ in the separators. */
export const LOCALES = [
  { value: "en-GB", label: "English (United Kingdom): 12,500.00" },
  { value: "en-US", label: "English (United States): 12,500.00" },
  { value: "de-DE", label: "German (Germany): 12.500,00" },
  { value: "de-CH", label: "German (Switzerland): 12’500.00" },
  { value: "fr-FR", label: "French (France): 12 500,00" },
  { value: "es-ES", label: "Spanish (Spain): 12.500,00" },
  { value: "it-IT", label: "Italian (Italy): 12.500,00" },
  { value: "nl-NL", label: "Dutch (Netherlands): 12.500,00" },
] as const;

export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "CAD", "AUD"] as const;

export type AmountResult = { ok: true; value: number } | { ok: false; message: string };

/** The locale's decimal and group separators ("," and "." for de-DE). */
export function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

const SPACES = /[\s\u00a0\u202f]/g;
const APOSTROPHES = /['’]/g;

/** Reads an amount typed in `locale`, or says why it cannot. Blank text is not an amount. */
export function parseAmount(typed: string, locale: string = DEFAULT_LOCALE): AmountResult {
  const original = typed.trim();
  // Spaces and apostrophes only ever group digits (French, Swiss); a currency code or sign around the number is left out.
  let text = original
    .replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, "")
    .replace(/^[€$£¥]\s*|\s*[€$£¥]$/g, "")
    .replace(SPACES, "")
    .replace(APOSTROPHES, "");
  if (text === "") return { ok: false, message: "must be an amount" };
  let sign = 1;
  if (text.startsWith("-")) {
    sign = -1;
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text))
    return { ok: false, message: `"${original}" is not an amount: use digits, with . or , as separators` };
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  const { decimal: localeDecimal } = separators(locale);
  let decimal: "." | "," | null;
  if (dots > 0 && commas > 0) {
    // Both: the last one marks the decimals ("12.500,00", "12,500.00").
    decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
  } else if (dots + commas === 0) {
    decimal = null;
  } else {
    const sep = dots > 0 ? "." : ",";
    const count = dots + commas;
    const after = text.length - text.lastIndexOf(sep) - 1;
    if (count > 1)
      decimal = null; // "1.000.000": only a group separator repeats
    else if (after !== 3)
      decimal = sep; // "12,5", "18.00", "0.1234": not a group of three
    else if (localeDecimal === sep) {
      // "18.000" where "." marks decimals: 18, or 18,000 written the other way? Refused, naming both.
      const whole = text.replace(sep, "");
      const asDecimal = Number(text.replace(",", "."));
      return {
        ok: false,
        message: `"${original}" is ambiguous: it could mean ${format(asDecimal, locale)} or ${format(Number(whole), locale)}; write it without a thousands separator (${whole} or ${asDecimal})`,
      };
    } else decimal = null; // "18.000" in de-DE: the locale's group separator
  }
  const group = decimal === "." ? "," : decimal === "," ? "." : null;
  const [whole = "", fraction] = decimal ? splitLast(text, decimal) : [text, undefined];
  if (group && whole.includes(decimal as string)) return { ok: false, message: `"${original}" has the decimal separator twice` };
  const groups = whole.split(/[.,]/);
  if (
    groups.length > 1 &&
    !(groups.slice(1).every((g) => g.length === 3) && (groups[0] ?? "").length >= 1 && (groups[0] ?? "").length <= 3)
  )
    return { ok: false, message: `"${original}" has its thousands separators in the wrong places` };
  const digits = groups.join("") + (fraction !== undefined ? `.${fraction}` : "");
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, message: `"${original}" is not an amount` };
  const value = sign * Number(digits);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `"${original}" is not an amount` };
}

function splitLast(text: string, sep: string): [string, string] {
  const at = text.lastIndexOf(sep);
  return [text.slice(0, at), text.slice(at + 1)];
}

function format(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

/** An amount as the locale writes it, with its currency: "€18,000.00", "18.000,00 €". An unknown currency code falls back to the code. */
export function formatMoney(amount: number, currency: string, locale: string = DEFAULT_LOCALE, fractionDigits?: number): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      ...(fractionDigits !== undefined ? { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits } : {}),
    }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
  }
}

/** An amount for an input field, without currency and grouping, with the locale's decimal separator: "12500,5" in de-DE. */
export function amountText(amount: number, locale: string = DEFAULT_LOCALE): string {
  const { decimal } = separators(locale);
  return String(amount).replace(".", decimal);
}

const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/** Whether `code` is an ISO 4217 currency code ("EUR", "CHF"); three letters alone ("XXZ", "EUR0") are not enough. */
export function isCurrencyCode(code: string): boolean {
  return ISO_CURRENCIES.has(code);
}

/** A number as the locale writes it: "12.500,5" in de-DE. */
export function formatNumber(value: number, locale: string = DEFAULT_LOCALE, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A calendar date ("2027-03-31", or the date of a timestamp) as the locale writes it: "31.03.2027" in de-DE, "31/03/2027" in en-GB. */
export function formatDate(isoDate: string, locale: string = DEFAULT_LOCALE): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(date);
}
