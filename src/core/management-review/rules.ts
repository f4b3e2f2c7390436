import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";

export const MANAGEMENT_REVIEW_REGISTER = "management-reviews";

export interface ManagementReviewFacts {
  reviews: {
    id: string;
    ref: string;
    title: string;
    plannedDate: string | null;
    frequencyMonths: number | null;
    participants: string | null;
    status: string;
  }[];
}

declare module "../process/data.js" {
  interface ProcessData {
    managementReview?: ManagementReviewFacts;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });
const blank = (t: string | null) => t === null || t.trim() === "";

/** 9.4d: a review planned with a date, a frequency and its participants. */
function managementReviewPlanned(data: { managementReview?: ManagementReviewFacts }): RuleResult {
  const reviews = data.managementReview?.reviews ?? [];
  const link = { register: MANAGEMENT_REVIEW_REGISTER };
  if (reviews.length === 0)
    return {
      started: false,
      checks: [check("review-planned", "A management review is planned", [{ message: "Plan the first management review.", link }])],
    };
  const lacking = (r: (typeof reviews)[number]) =>
    [r.plannedDate ? null : "a date", r.frequencyMonths ? null : "a frequency", blank(r.participants) ? "its participants" : null].filter(
      (x): x is string => x !== null,
    );
  return {
    started: true,
    checks: [
      check("review-planned", "A management review is planned", []),
      check(
        "review-complete",
        "Each review has a date, a frequency and participants",
        reviews
          .filter((r) => r.status !== "approved" && lacking(r).length > 0)
          .map((r) => ({
            message: `Management review ${r.ref} "${r.title}" lacks ${lacking(r).join(", ")}.`,
            link: { ...link, id: r.id },
          })),
      ),
    ],
  };
}

export const MANAGEMENT_REVIEW_RULES: Readonly<Record<string, Rule>> = {
  "management-review-planned": managementReviewPlanned,
};
