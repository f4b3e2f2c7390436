/**
 * Something due for a person: a collection, a review, an action, a refresher… Every area that
 * has recurring or dated work exports `dueItems(db, orgId, until)` returning these from
 * `src/server/modules/<area>/due.ts`; "my work" and the calendar feed aggregate them.
 */
export type DueItem = {
  kind: string;
  id: string;
  reference: string;
  title: string;
  due: string;
  ownerId: string | null;
  /** Web path under /orgs/:orgId */
  path: string;
};

/** Soonest first, then by reference, so a list reads the same each time. */
export function sortDue(items: readonly DueItem[]): DueItem[] {
  return [...items].sort((a, b) => a.due.localeCompare(b.due) || a.reference.localeCompare(b.reference) || a.id.localeCompare(b.id));
}

/** The items of one person (their own, plus unowned ones when `includeUnowned`), due on or before `until`. */
export function dueFor(items: readonly DueItem[], personId: string, until: string, includeUnowned = false): DueItem[] {
  return sortDue(items.filter((i) => i.due <= until && (i.ownerId === personId || (includeUnowned && i.ownerId === null))));
}
