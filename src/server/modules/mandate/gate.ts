import type { Db } from "../../db/database.js";

const byCreation = <T extends { created_at: string; id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));

/** What gate G1 approves: the business case and the initial project plan. */
export async function businessCaseArtifact(db: Db, orgId: string): Promise<unknown> {
  const [businessCase, costs, milestones] = await Promise.all([
    db.kysely.selectFrom("business_cases").selectAll().where("id", "=", orgId).executeTakeFirst(),
    db.kysely.selectFrom("business_case_costs").selectAll().where("org_id", "=", orgId).execute(),
    db.kysely.selectFrom("milestones").selectAll().where("org_id", "=", orgId).execute(),
  ]);
  return {
    businessCase: {
      objectives: businessCase?.objectives ?? null,
      benefits: businessCase?.benefits ?? null,
      resources: businessCase?.resources ?? null,
      timeline: businessCase?.timeline ?? null,
      risksOfNotImplementing: businessCase?.risks_of_not_implementing ?? null,
    },
    costs: byCreation(costs).map((c) => ({ id: c.id, title: c.title, amount: Number(c.amount), currency: c.currency })),
    milestones: byCreation(milestones).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, owner: m.owner })),
  };
}
