/**
 * Working days of an organization: weekdays that are not weekend days and not holidays. Dates
 * are ISO (YYYY-MM-DD) and computed in UTC, so no time zone moves a day.
 */
export interface CalendarSpec {
  /** Days of the week not worked, 0 = Sunday … 6 = Saturday. */
  weekends: readonly number[];
  /** Single days not worked (YYYY-MM-DD). */
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: CalendarSpec = { weekends: [0, 6], holidays: [] };

const DAY = 86_400_000;

export const toEpochDay = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
};
export const fromEpochDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Maps working-day indices (0 = the first working day on or after the origin) to dates and back.
 * The schedule engine counts in indices; this turns them into calendar dates for people.
 */
export class WorkCalendar {
  private readonly weekends: Set<number>;
  private readonly holidays: Set<number>;
  private readonly origin: number;
  /** Epoch day of each working-day index computed so far. */
  private readonly days: number[] = [];

  constructor(spec: CalendarSpec, origin: string) {
    this.weekends = new Set(spec.weekends);
    this.holidays = new Set(spec.holidays.map(toEpochDay));
    if (this.weekends.size >= 7) throw new Error("a calendar needs at least one working day in the week");
    this.origin = toEpochDay(origin);
  }

  isWorking(iso: string): boolean {
    return this.isWorkingDay(toEpochDay(iso));
  }

  private isWorkingDay(day: number): boolean {
    // 1970-01-01 was a Thursday (4).
    const weekday = (((day + 4) % 7) + 7) % 7;
    return !this.weekends.has(weekday) && !this.holidays.has(day);
  }

  private extendTo(index: number): void {
    let day = this.days.length === 0 ? this.origin - 1 : (this.days[this.days.length - 1] as number);
    while (this.days.length <= index) {
      day += 1;
      // Holidays are finite and a week has a working day, so this ends.
      if (this.isWorkingDay(day)) this.days.push(day);
    }
  }

  /** The date of a working-day index (negative indices are clamped to the first working day). */
  dateOf(index: number): string {
    const i = Math.max(0, index);
    this.extendTo(i);
    return fromEpochDay(this.days[i] as number);
  }

  /** The index of the first working day on or after a date (dates before the origin give 0). */
  indexOf(iso: string): number {
    const day = toEpochDay(iso);
    if (day <= this.origin) return 0;
    // Working days are sorted: extend until passed, then binary search.
    let guess = this.days.length;
    while (this.days.length === 0 || (this.days[this.days.length - 1] as number) < day) {
      guess = Math.max(guess * 2, 16);
      this.extendTo(guess);
    }
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.days[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Working days from `start` to `end`, both counted when they are working days; 0 when end is before start. */
  workingDaysBetween(start: string, end: string): number {
    if (end < start) return 0;
    const a = this.indexOf(start);
    const afterEnd = this.indexOf(fromEpochDay(toEpochDay(end) + 1));
    return Math.max(0, afterEnd - a);
  }
}

/** Monday (YYYY-MM-DD) of the ISO week a date is in. */
export function weekOf(iso: string): string {
  const day = toEpochDay(iso);
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return fromEpochDay(day - ((weekday + 6) % 7));
}
