import type { MeasurementData } from "../../../core/measurement/rules.js";
import type { Db } from "../../db/database.js";
import "./measures.repo.js";

/** What the roadmap evaluates for 9.4a. */
export async function loadMeasurementData(db: Db, orgId: string): Promise<MeasurementData> {
  const rows = await db.kysely
    .selectFrom("measures")
    .select(["id", "ref", "title", "objective_id", "owner_user_id", "frequency", "kind", "target", "key", "formula"])
    .where("org_id", "=", orgId)
    .orderBy("number")
    .execute();
  const formulas = rows.flatMap((m) => (m.kind === "derived" && m.formula ? [m.formula] : []));
  const usedIn = (key: string) =>
    formulas.some((f) => new RegExp(`(^|[^A-Za-z0-9_.])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^A-Za-z0-9_]|$)`).test(f));
  return {
    measures: rows.map((m) => ({
      id: m.id,
      reference: m.ref,
      title: m.title,
      objectiveId: m.objective_id,
      hasOwner: m.owner_user_id !== null,
      // A built-in measure is computed on the daily schedule, whatever its own frequency says.
      hasFrequency: m.frequency !== null || m.kind === "builtin",
      hasTarget: m.target !== null,
      feedsFormula: m.kind === "base" && m.key !== null && usedIn(m.key),
    })),
  };
}
