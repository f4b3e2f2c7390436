import type { Kysely } from "kysely";
import { uuidv7 } from "../../../core/ids.js";

/**
 * One role model (issue 11, item 2): a project role (5.3.2) is an ISMS role (Annex B) held during
 * the project, so each project-role row now points at the role assignment it keeps on Roles & RACI.
 * Existing holders are carried over: a project role with a holder gets an assignment in its ISMS
 * role (or is linked to the one that already names the same person). Nothing is deleted.
 */
export const DEFAULT_PROJECT_ROLE_MAP: Readonly<Record<string, string>> = {
  sponsor: "top_management",
  project_lead: "isms_manager",
  planning_team: "planning_team",
  steering_committee: "steering_committee",
};

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the tables as they were then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("project_roles").addColumn("assignment_id", "text").execute();
  const rows = await db.selectFrom("project_roles").selectAll().orderBy("created_at").orderBy("id").execute();
  for (const row of rows) {
    if (!row.user_id && !(row.person_name ?? "").trim()) continue;
    const roleKey = DEFAULT_PROJECT_ROLE_MAP[row.key as string];
    if (!roleKey) continue;
    const role = await db
      .selectFrom("isms_roles")
      .select("id")
      .where("org_id", "=", row.org_id)
      .where("key", "=", roleKey)
      .executeTakeFirst();
    // An organization whose roles were never seeded gets its links when they are (seedRoles).
    if (!role) continue;
    const held = await db
      .selectFrom("role_assignments")
      .select(["id", "user_id", "person_name"])
      .where("org_id", "=", row.org_id)
      .where("role_id", "=", role.id)
      .execute();
    const same = held.find((a) =>
      row.user_id ? a.user_id === row.user_id : !a.user_id && (a.person_name ?? "").trim() === (row.person_name ?? "").trim(),
    );
    let assignmentId = same?.id as string | undefined;
    if (!assignmentId) {
      assignmentId = uuidv7();
      await db
        .insertInto("role_assignments")
        .values({
          id: assignmentId,
          org_id: row.org_id,
          role_id: role.id,
          user_id: row.user_id,
          person_name: row.user_id ? null : row.person_name,
          created_at: row.created_at,
          updated_at: row.updated_at,
          version: 1,
        })
        .execute();
    }
    await db.updateTable("project_roles").set({ assignment_id: assignmentId }).where("id", "=", row.id).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("project_roles").dropColumn("assignment_id").execute();
}
