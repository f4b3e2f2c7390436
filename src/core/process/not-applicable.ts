import { isBlank } from "./data.js";

export type NotApplicableResult = { ok: true; value: { justification: string } } | { ok: false; error: string };

/**
 * Validates a "not applicable" decision before it is recorded. Skipping an activity without
 * saying why would leave an auditor nothing to check, so a blank justification is refused.
 */
export function markNotApplicable(justification: string): NotApplicableResult {
  if (isBlank(justification)) {
    return { ok: false, error: "A justification is required to mark an activity not applicable; explain why it does not apply." };
  }
  return { ok: true, value: { justification: justification.trim() } };
}

/** Whether a stored entry counts: entries that slipped in without a justification are ignored. */
export function isJustified(entry: { justification: string } | undefined): entry is { justification: string } {
  return entry !== undefined && !isBlank(entry.justification);
}
