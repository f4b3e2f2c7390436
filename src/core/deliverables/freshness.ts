/** Freshness of a deliverable against its last issued version. */
export type Freshness = "never-issued" | "current" | "stale" | "not-available";

export function freshnessOf(available: boolean, lastIssuedHash: string | null, currentHash: string | null): Freshness {
  if (!available) return "not-available";
  if (lastIssuedHash === null) return "never-issued";
  return lastIssuedHash === currentHash ? "current" : "stale";
}

export const FORMATS = ["docx", "pdf", "xlsx", "md"] as const;
export type Format = (typeof FORMATS)[number];

export const MEDIA_TYPES: Record<Format, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  md: "text/markdown; charset=utf-8",
};

/** The progress of a job in whole percent, never above 99 before it is done. */
export function progressPercent(done: number, total: number, finished: boolean): number {
  if (finished) return 100;
  if (total <= 0) return 0;
  return Math.min(99, Math.max(0, Math.floor((done / total) * 100)));
}
