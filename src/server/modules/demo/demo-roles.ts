import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, updateAudited, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { addMembership } from "../orgs/index.js";
import { orgCatalog } from "../process/index.js";
import { seedRoles } from "../raci/index.js";
import { createUser, findUserByEmail, randomAcceptablePassword } from "../users/index.js";
import { AUDITOR } from "./demo-audit.js";

/**
 * One role model in the demo (issue 11, item 2): the project roles name members (the CEO is the
 * sponsor, so top management; the manager leads the project, so ISMS manager), and every other
 * mandatory ISMS role is held: the manager owns the risks and assets, and the internal auditor
 * is a separate person who owns no control, so the audits stay independent (sod.ts).
 */
export async function fillRoles(db: Db, as: (actorId: string) => WriteMeta, orgId: string, people: { managerId: string; ceoId: string }) {
  const { catalog } = await orgCatalog(db, orgId);
  await withWrite(db, as(people.managerId), async (ctx) => {
    const user =
      (await findUserByEmail(ctx, AUDITOR.email)) ??
      (await createUser(ctx, { ...AUDITOR, password: await randomAcceptablePassword(AUDITOR) }));
    await addMembership(ctx, orgId, user.id, "auditor");
    const rows = await ctx.trx.selectFrom("project_roles").selectAll().where("org_id", "=", orgId).execute();
    const members: Record<string, string> = { sponsor: people.ceoId, project_lead: people.managerId };
    for (const row of rows) {
      const userId = members[row.key];
      if (userId)
        await updateAudited(ctx, "project_roles", row.id, { user_id: userId, person_name: null }, { orgId, entityType: "project role" });
    }
    // Seeding links the project roles to their ISMS roles (top management, ISMS manager).
    await seedRoles(ctx, orgId, catalog);
    const roles = await ctx.trx.selectFrom("isms_roles").select(["id", "key"]).where("org_id", "=", orgId).execute();
    const holders: [string, string][] = [
      ["risk_owner", people.managerId],
      ["asset_owner", people.managerId],
      ["internal_auditor", user.id],
    ];
    for (const [key, userId] of holders) {
      const role = roles.find((r) => r.key === key);
      if (!role) continue;
      await insertAudited(
        ctx,
        "role_assignments",
        {
          id: uuidv7(),
          org_id: orgId,
          role_id: role.id,
          user_id: userId,
          person_name: null,
          created_at: ctx.now,
          updated_at: ctx.now,
          version: 1,
        },
        { orgId, entityType: "role assignment" },
      );
    }
  });
}
