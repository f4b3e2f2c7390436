import { openVersion, type VersionState, type VersionStatus, versionStatus } from "./documents.js";

/** What a document's versions refuse as they move from draft to review to approval, as the reason given. */

/** A version's status as a refusal names it: "version 2 is in review". */
export const STATUS_WORDS: Readonly<Record<VersionStatus, string>> = {
  draft: "a draft",
  in_review: "in review",
  approved: "approved",
  retired: "retired",
};

/**
 * Why a change that starts from status `from` cannot be made to `version`, or null when it can.
 * The refusal names the status the version shows (an approved version out of force shows
 * retired) and says so when the stored row is an approved one, which never changes.
 */
export function versionChangeRefusal(version: VersionState, inForce: number | null, from: VersionStatus, hint: string): string | null {
  if (version.status === from) return null;
  const immutable = version.status === "approved" ? "; an approved version never changes" : "";
  return `version ${version.number} is ${STATUS_WORDS[versionStatus(version, inForce)]}${immutable}: ${hint}`;
}

/**
 * The version a new draft starts from, the one in force, or why none can start: one version is
 * open at a time, and a draft starts from approved text.
 */
export function newDraftStart(versions: readonly VersionState[], inForce: number | null): { from: number } | { refusal: string } {
  const open = openVersion(versions);
  if (open)
    return {
      refusal: `version ${open.number} is ${STATUS_WORDS[open.status]} already; ${open.status === "draft" ? "edit it" : "withdraw it from review to edit it"}`,
    };
  if (inForce === null) return { refusal: "the document has no approved version to start a draft from" };
  return { from: inForce };
}

/** Why the document cannot be retired now, or null: a version in review awaits a decision (a draft is abandoned instead). */
export function retireRefusal(versions: readonly VersionState[]): string | null {
  const open = openVersion(versions);
  return open?.status === "in_review" ? `version ${open.number} is in review; withdraw it before retiring the document` : null;
}
