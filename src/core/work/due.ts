/** Something due for a person: a review, an action, a collection. Every area's due.ts returns these. */
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
