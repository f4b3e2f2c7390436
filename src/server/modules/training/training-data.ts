import type { TrainingData } from "../../../core/training/rules.js";
import type { Db } from "../../db/database.js";
import { listRoles } from "../raci/index.js";

/** What the roadmap evaluates for 9.4c. */
export async function loadTrainingData(db: Db, orgId: string): Promise<TrainingData> {
  const k = db.kysely;
  const [roles, courses, requirements, records] = await Promise.all([
    listRoles(db, orgId),
    k.selectFrom("training_courses").select(["id", "target_role_ids"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("competence_requirements").select("role_id").where("org_id", "=", orgId).execute(),
    k
      .selectFrom("training_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirst(),
  ]);
  const targeted = courses.flatMap((c) => JSON.parse(c.target_role_ids) as string[]);
  return {
    roles: roles.map((r) => ({
      id: r.id,
      title: r.title,
      topics: requirements.filter((q) => q.role_id === r.id).length + targeted.filter((id) => id === r.id).length,
    })),
    courses: courses.length,
    records: Number(records?.n ?? 0),
  };
}
