import type { RequirementsData } from "../../../core/requirements/rules.js";
import type { Db } from "../../db/database.js";

/** The interested parties and their requirements as the roadmap engine sees them (ProcessData.requirements). */
export async function loadRequirementsData(db: Db, orgId: string): Promise<RequirementsData> {
  const k = db.kysely;
  const [parties, requirements] = await Promise.all([
    k.selectFrom("interested_parties").select(["id", "name"]).where("org_id", "=", orgId).orderBy("name").orderBy("id").execute(),
    k
      .selectFrom("security_requirements")
      .select(["id", "title", "party_id", "source", "owner"])
      .where("org_id", "=", orgId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  return {
    parties,
    requirements: requirements.map((r) => ({ id: r.id, title: r.title, partyId: r.party_id, source: r.source, owner: r.owner })),
  };
}
