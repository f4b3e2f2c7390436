import ical from "ical-generator";
import type { DueItem } from "../../../core/work/due.js";
import { dueFor, sortDue } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";
import { DUE_ITEM_PROVIDERS } from "./providers.js";

/** Everything due in the organization by `until`, from every provider. */
export async function allDueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const lists = await Promise.all(DUE_ITEM_PROVIDERS.map((provider) => provider(db, orgId, until)));
  return sortDue(lists.flat());
}

/** One person's work due by `until`, overdue items marked; managers also see work nobody owns. */
export async function myWork(db: Db, orgId: string, userId: string, today: string, until: string, includeUnowned: boolean) {
  const items = dueFor(await allDueItems(db, orgId, until), userId, until, includeUnowned);
  return { until, items: items.map((i) => ({ ...i, overdue: i.due < today })) };
}

/** The organization's dated work as an iCalendar feed: one all-day event per item. */
export function calendarOf(orgName: string, items: readonly DueItem[], baseUrl: string, orgId: string): string {
  const calendar = ical({ name: `${orgName}: ISMS work`, prodId: { company: "ISMS Workbench", product: "work", language: "EN" } });
  for (const item of items) {
    calendar.createEvent({
      id: `${item.kind}-${item.id}@isms-workbench`,
      // Noon UTC, so the day is the same in every time zone a client shows it in.
      start: new Date(`${item.due}T12:00:00Z`),
      allDay: true,
      summary: `${item.reference}: ${item.title}`,
      description: `${item.kind.replaceAll("_", " ")} due ${item.due}`,
      url: `${baseUrl}/orgs/${orgId}/${item.path}`,
    });
  }
  return calendar.toString();
}
