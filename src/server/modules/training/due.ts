import { refreshersDue } from "../../../core/training/training.js";
import type { DueItem } from "../../../core/work/due.js";
import type { Db } from "../../db/database.js";
import { coverageInput } from "./training.repo.js";

/** Refresher training coming due (or overdue) by `until`, for the person who must repeat it. */
export async function dueItems(db: Db, orgId: string, until: string): Promise<DueItem[]> {
  const input = await coverageInput(db, orgId, until);
  const course = new Map(input.courses.map((c) => [c.id, c.title]));
  return refreshersDue(input, until).map((r) => {
    const name = input.names.get(r.personKey) ?? r.personKey.slice(2);
    return {
      kind: "training_refresher",
      id: `${r.courseId}:${r.personKey}`,
      reference: "Training",
      title: `Refresher of "${course.get(r.courseId) ?? ""}" for ${name}`,
      due: r.due,
      ownerId: r.personKey.startsWith("u:") ? r.personKey.slice(2) : null,
      path: "training",
    };
  });
}
