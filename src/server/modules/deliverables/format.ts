import { formatDate, formatMoney, formatNumber } from "../../../core/money/money.js";
import type { Db } from "../../db/database.js";
import { readOrgSettings } from "../orgs/index.js";

/**
 * How a document writes amounts, numbers and dates: in the organization's locale and currency
 * ("18.000,00 €" and "31.03.2027" for a German organization), never always in English.
 */
export interface DocFormat {
  locale: string;
  currency: string;
  /** An amount with its currency (the organization's when not given). */
  money(amount: number, currency?: string, fractionDigits?: number): string;
  number(value: number, maximumFractionDigits?: number): string;
  /** A date or the date of a timestamp; "" for none. */
  date(iso: string | null | undefined): string;
}

export function docFormat(settings: { currency: string; locale: string }): DocFormat {
  const { currency, locale } = settings;
  return {
    locale,
    currency,
    money: (amount, code = currency, fractionDigits) => formatMoney(amount, code, locale, fractionDigits),
    number: (value, digits = 2) => formatNumber(value, locale, digits),
    date: (iso) => (iso ? formatDate(iso, locale) : ""),
  };
}

/** The organization's document format. */
export async function orgDocFormat(db: Db, orgId: string): Promise<DocFormat> {
  return docFormat(await readOrgSettings(db, orgId));
}
