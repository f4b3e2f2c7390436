import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * What a new password must satisfy. The strength estimate is zxcvbn's (with its shipped list of
 * about 49,000 common and breached passwords and the keyboard layouts): score 3 means at least
 * 10^8 guesses for a pattern-aware attacker.
 */
export const PASSWORD_RULES = { minLength: 12, maxLength: 256, minScore: 3, minLocalPartInPassword: 3 } as const;

export interface PasswordOwner {
  email: string;
  displayName?: string | null;
}

/** zxcvbn's warning keys, as a reason a person understands. */
const WARNINGS: Record<string, string> = {
  common: "is on a list of common or breached passwords",
  topTen: "is on a list of common or breached passwords",
  topHundred: "is on a list of common or breached passwords",
  pwned: "is on a list of common or breached passwords",
  similarToCommon: "is too close to a common or breached password",
  simpleRepeat: "is too easy to guess: it repeats characters",
  extendedRepeat: "is too easy to guess: it repeats a pattern",
  sequences: "is too easy to guess: it is a sequence such as abc or 123",
  straightRow: "is too easy to guess: it is a row of keys",
  keyPattern: "is too easy to guess: it is a keyboard pattern",
  recentYears: "is too easy to guess: it relies on a year",
  dates: "is too easy to guess: it relies on a date",
  wordByItself: "is too easy to guess: a word by itself",
  namesByThemselves: "is too easy to guess: names by themselves",
  commonNames: "is too easy to guess: it relies on common names",
  userInputs: "must not contain your email address or name",
};

let estimator: Promise<ZxcvbnFactory> | undefined;
/** Loaded on first use: the dictionaries take a few hundred milliseconds, which a start need not wait for. */
const strength = () => {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return estimator;
};

/**
 * Why a new password is refused, as the rest of a sentence that starts with the field's name
 * ("password is on a list of common or breached passwords"); null when it is acceptable.
 * The one rule for every way a password is chosen: setup, invitation, change, CLI, bootstrap.
 */
export async function passwordProblem(password: string, owner: PasswordOwner): Promise<string | null> {
  if (password.length < PASSWORD_RULES.minLength) return `must be at least ${PASSWORD_RULES.minLength} characters`;
  if (password.length > PASSWORD_RULES.maxLength) return `must be at most ${PASSWORD_RULES.maxLength} characters`;
  const lower = password.toLowerCase();
  const email = owner.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  if (lower.includes(email)) return "must not contain your email address";
  if (local.length >= PASSWORD_RULES.minLocalPartInPassword && lower.includes(local))
    return "must not contain your email address or the part before the @";
  const inputs = [email, local, ...(owner.displayName ? owner.displayName.toLowerCase().split(/\s+/) : [])].filter((w) => w.length >= 3);
  const result = (await strength()).check(password, inputs);
  if (result.score >= PASSWORD_RULES.minScore) return null;
  return (result.feedback.warning && WARNINGS[result.feedback.warning]) || "is too easy to guess: add more words or characters";
}
