/**
 * The one schedule engine for recurring work: measure collection, refresher training, audits,
 * management reviews, document reviews. Pure date arithmetic on ISO dates (YYYY-MM-DD) in UTC.
 *
 * A schedule repeats every `interval` units of `frequency` from `start`. Monthly steps keep the
 * start's day of month and clamp it to short months (31 Jan → 28/29 Feb → 31 Mar): each
 * occurrence is computed from the start, never from the previous one, so clamping never drifts.
 */
export const FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Schedule {
  start: string;
  frequency: Frequency;
  /** Every how many units (1 = every month for "monthly"). */
  interval: number;
}

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether the text is a real calendar date (no 30 February). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const parts = (iso: string) => iso.split("-").map(Number) as [number, number, number];
const format = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
const dayNumber = (iso: string) => {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** Months from the start's month, keeping its day (clamped to the month's length). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDaysTo(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(y, m - 1, d + days);
}

/** The size of one step: days for daily/weekly schedules, months otherwise. */
function step(schedule: Schedule): { unit: "days" | "months"; size: number } {
  const n = schedule.interval;
  switch (schedule.frequency) {
    case "daily":
      return { unit: "days", size: n };
    case "weekly":
      return { unit: "days", size: 7 * n };
    case "monthly":
      return { unit: "months", size: n };
    case "quarterly":
      return { unit: "months", size: 3 * n };
    case "yearly":
      return { unit: "months", size: 12 * n };
  }
}

/** A schedule's problems, by field; none means it can be used. */
export function scheduleProblems(schedule: Schedule): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!isIsoDate(schedule.start)) problems.push({ field: "start", message: "must be a date (YYYY-MM-DD)" });
  if (!FREQUENCIES.includes(schedule.frequency)) problems.push({ field: "frequency", message: `must be one of ${FREQUENCIES.join(", ")}` });
  if (!Number.isInteger(schedule.interval) || schedule.interval < 1 || schedule.interval > 120)
    problems.push({ field: "interval", message: "must be a whole number from 1 to 120" });
  return problems;
}

/** The n-th occurrence (0 is the start). */
export function occurrence(schedule: Schedule, n: number): string {
  const { unit, size } = step(schedule);
  return unit === "days" ? addDaysTo(schedule.start, n * size) : addMonths(schedule.start, n * size);
}

/** The index of the last occurrence on or before `date`, or -1 when the schedule starts after it. */
export function indexOnOrBefore(schedule: Schedule, date: string): number {
  if (date < schedule.start) return -1;
  const { unit, size } = step(schedule);
  let n: number;
  if (unit === "days") n = Math.floor((dayNumber(date) - dayNumber(schedule.start)) / size);
  else {
    const [sy, sm] = parts(schedule.start);
    const [y, m] = parts(date);
    n = Math.floor(((y - sy) * 12 + (m - sm)) / size);
  }
  while (n >= 0 && occurrence(schedule, n) > date) n--;
  while (occurrence(schedule, n + 1) <= date) n++;
  return n;
}

/** Every occurrence from `from` to `to`, both included, in increasing order (at most `limit`). */
export function occurrences(schedule: Schedule, from: string, to: string, limit = 10_000): string[] {
  const out: string[] = [];
  let n = Math.max(0, indexOnOrBefore(schedule, from));
  for (let date = occurrence(schedule, n); date <= to && out.length < limit; date = occurrence(schedule, ++n)) {
    if (date >= from) out.push(date);
  }
  return out;
}

/** The first occurrence strictly after `date`. */
export function nextAfter(schedule: Schedule, date: string): string {
  return occurrence(schedule, indexOnOrBefore(schedule, date) + 1);
}

/** The period that holds `date`: from its occurrence up to (not including) the next; null before the start. */
export function periodOf(schedule: Schedule, date: string): { start: string; end: string } | null {
  const n = indexOnOrBefore(schedule, date);
  if (n < 0) return null;
  return { start: occurrence(schedule, n), end: occurrence(schedule, n + 1) };
}

/**
 * The periods that have ended by `today` (their end on or before it), latest last, at most
 * `count` of them: the ones whose data should have been collected.
 */
export function endedPeriods(schedule: Schedule, today: string, count: number): { start: string; end: string }[] {
  const current = indexOnOrBefore(schedule, today);
  const out: { start: string; end: string }[] = [];
  for (let n = Math.max(0, current - count); n < current; n++)
    out.push({ start: occurrence(schedule, n), end: occurrence(schedule, n + 1) });
  return out;
}
