/** Adds whole days to an ISO date (YYYY-MM-DD), in UTC so that no time zone shifts it; negative days go back. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
