/**
 * One piece of work due for a person: a review, an action, a data collection. Each area exports
 * `dueItems(db, orgId, until)` from src/server/modules/<area>/due.ts returning these; the "my work"
 * list and the calendar feed gather them.
 */
export type DueItem = {
  kind: string;
  id: string;
  reference: string;
  title: string;
  /** YYYY-MM-DD */
  due: string;
  ownerId: string | null;
  /** Web path under /orgs/:orgId */
  path: string;
};
