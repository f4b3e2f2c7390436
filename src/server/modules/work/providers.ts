import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";
import { dueItems as auditsPlanned } from "../audit-programme/index.js";
import { dueItems as documentReviews } from "../documents/index.js";
import { dueItems as reviewsDue } from "../management-review/index.js";
import { dueItems as measureCollections } from "../measures/index.js";
import { dueItems as correctiveActions } from "../nonconformities/index.js";
import { dueItems as trainingRefreshers } from "../training/index.js";

export type DueItemsProvider = (db: Db, orgId: string, until: string) => Promise<DueItem[]>;

/**
 * Every area's dated work, for "my work", the inbox and the calendar feed: each entry is an
 * area's `dueItems` from its `src/server/modules/<area>/due.ts` (through its index.ts). An area
 * adds one line here.
 */
export const DUE_ITEM_PROVIDERS: readonly DueItemsProvider[] = [
  measureCollections,
  trainingRefreshers,
  auditsPlanned,
  correctiveActions,
  reviewsDue,
  documentReviews,
];
