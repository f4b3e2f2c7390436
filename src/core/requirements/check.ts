import type { Check, MissingItem, RegisterLink } from "../process/rules.js";

/** Registers can hold many thousands of records: a check names this many offenders, then counts the rest. */
export const MAX_NAMED_OFFENDERS = 20;

/** A check that passes exactly when nothing is missing, naming at most MAX_NAMED_OFFENDERS offenders. */
export function checkNaming(id: string, label: string, missing: MissingItem[], rest: RegisterLink): Check {
  const named = missing.slice(0, MAX_NAMED_OFFENDERS);
  const more = missing.length - named.length;
  return {
    id,
    label,
    ok: missing.length === 0,
    missing: more > 0 ? [...named, { message: `…and ${more} more.`, link: rest }] : named,
  };
}

/** "a source and an owner", "an owner", …: what a record lacks, in words. */
export function needsText(needs: readonly (string | null)[]): string {
  return needs.filter((n) => n !== null).join(" and ");
}
