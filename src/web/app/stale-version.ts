import { isStaleVersion } from "./api-client";

export interface ReopenWhenStale<T> {
  /** Opens the form again on the record as stored now. */
  reopen?: (stored: T) => void;
  /**
   * Reads the record again, where the refusal's `current` (the stored row) is not the record as the
   * page shows it; a form keyed by the record's version starts again from what it reads.
   */
  reload?: () => Promise<T | undefined>;
}

/**
 * The `onError` of an update sent with the version read: when someone else saved first (a 409 that
 * carries the stored record), the form reopens on the record as it is now, and `SaveError` says why.
 * Any other refusal leaves the form as it is, with the error shown.
 */
export function reopenWhenStale<T>({ reopen, reload }: ReopenWhenStale<T>) {
  return async (error: unknown) => {
    if (!isStaleVersion(error)) return;
    const stored = reload ? await reload() : (error.problem.current as T);
    if (stored !== undefined) reopen?.(stored);
  };
}
