import { uuidv7 } from "../../../core/ids.js";
import { ismsRoleOf, type ProcessCatalog } from "../../../core/process/catalog.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { ProjectRolesTable } from "../../db/schema.js";

/**
 * One role model (issue 11, item 2). A project role (5.3.2) is an ISMS role (Annex B) held during
 * the project and carried into operation: the sponsor is top management, the project lead the
 * ISMS manager. Saving a project role keeps one assignment on Roles & RACI (the row's
 * `assignment_id`); taking that person out there clears the project role. A project role nobody
 * was named for here shows the ISMS role's first holder, so 5.3.2 and Roles & RACI always agree.
 */
export interface ProjectRoleView {
  key: string;
  title: string;
  required: boolean;
  personName: string | null;
  userId: string | null;
  version: number;
  ismsRole: { key: string; title: string } | null;
  /** True when the holder comes from Roles & RACI, not from a holder named on this role. */
  heldOnRaci: boolean;
  /** The holder's name for display: the member's name, or the person named. */
  holderName: string | null;
}

const held = (row: { person_name: string | null; user_id: string | null } | undefined) =>
  Boolean(row && (row.user_id || (row.person_name ?? "").trim()));

export async function readProjectRoles(db: Db | WriteContext, orgId: string, catalog: ProcessCatalog): Promise<ProjectRoleView[]> {
  const k = reader(db);
  const [rows, assignments, members] = await Promise.all([
    k.selectFrom("project_roles").selectAll().where("org_id", "=", orgId).execute(),
    k
      .selectFrom("role_assignments as a")
      .innerJoin("isms_roles as r", "r.id", "a.role_id")
      .select(["a.id", "a.user_id", "a.person_name", "r.key as role_key"])
      .where("a.org_id", "=", orgId)
      .orderBy("a.created_at")
      .orderBy("a.id")
      .execute(),
    k
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.display_name"])
      .where("m.org_id", "=", orgId)
      .execute(),
  ]);
  const names = new Map(members.map((m) => [m.id, m.display_name]));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return catalog.projectRoles.map((role) => {
    const row = byKey.get(role.key);
    const isms = ismsRoleOf(catalog, role);
    const base = {
      key: role.key,
      title: role.title,
      required: role.required,
      version: row?.version ?? 0,
      ismsRole: isms ? { key: isms.key, title: isms.title } : null,
    };
    const fallback = !held(row) && isms ? assignments.find((a) => a.role_key === isms.key && held(a)) : undefined;
    const source = fallback ?? row;
    const personName = source?.person_name ?? null;
    const userId = source?.user_id ?? null;
    return {
      ...base,
      personName,
      userId,
      heldOnRaci: fallback !== undefined,
      holderName: (userId ? names.get(userId) : undefined) ?? (personName?.trim() || null),
    };
  });
}

/** The organization's stored row for one project role, if anyone was ever named for it. */
export async function projectRoleRow(db: Db | WriteContext, orgId: string, key: string): Promise<ProjectRolesTable | undefined> {
  return reader(db).selectFrom("project_roles").selectAll().where("org_id", "=", orgId).where("key", "=", key).executeTakeFirst();
}

async function ismsRoleRow(ctx: WriteContext, orgId: string, key: string) {
  return ctx.trx.selectFrom("isms_roles").select("id").where("org_id", "=", orgId).where("key", "=", key).executeTakeFirst();
}

/**
 * Keeps the Roles & RACI assignment of a project-role row in step with it; returns the
 * assignment's id to store on the row (null when nobody holds it, or the organization's roles
 * are not seeded yet: seeding links them, see linkProjectRoles).
 */
export async function keepAssignment(
  ctx: WriteContext,
  orgId: string,
  catalog: ProcessCatalog,
  row: Pick<ProjectRolesTable, "key" | "person_name" | "user_id" | "assignment_id">,
): Promise<string | null> {
  const projectRole = catalog.projectRoles.find((r) => r.key === row.key);
  const isms = projectRole ? ismsRoleOf(catalog, projectRole) : null;
  const role = isms ? await ismsRoleRow(ctx, orgId, isms.key) : undefined;
  const linked = row.assignment_id
    ? await ctx.trx
        .selectFrom("role_assignments")
        .selectAll()
        .where("org_id", "=", orgId)
        .where("id", "=", row.assignment_id)
        .executeTakeFirst()
    : undefined;
  const audit = { orgId, entityType: "role assignment" };
  if (!role || !held(row)) {
    if (linked) await deleteAudited(ctx, "role_assignments", linked.id, { ...audit, scope: { org_id: orgId } });
    return null;
  }
  const person = { user_id: row.user_id, person_name: row.user_id ? null : (row.person_name?.trim() ?? null) };
  if (linked && linked.role_id === role.id) {
    if (linked.user_id !== person.user_id || linked.person_name !== person.person_name)
      await updateAudited(ctx, "role_assignments", linked.id, person, { ...audit, scope: { org_id: orgId } });
    return linked.id;
  }
  if (linked) await deleteAudited(ctx, "role_assignments", linked.id, { ...audit, scope: { org_id: orgId } });
  const holders = await ctx.trx
    .selectFrom("role_assignments")
    .select(["id", "user_id", "person_name"])
    .where("org_id", "=", orgId)
    .where("role_id", "=", role.id)
    .execute();
  const same = holders.find((a) =>
    person.user_id ? a.user_id === person.user_id : !a.user_id && (a.person_name ?? "").trim() === person.person_name,
  );
  if (same) return same.id;
  const created = { id: uuidv7(), org_id: orgId, role_id: role.id, ...person, created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "role_assignments", created, audit);
  return created.id;
}

/** Links every held project role that has no assignment yet (after the roles are seeded). */
export async function linkProjectRoles(ctx: WriteContext, orgId: string, catalog: ProcessCatalog): Promise<void> {
  const rows = await ctx.trx.selectFrom("project_roles").selectAll().where("org_id", "=", orgId).orderBy("created_at").execute();
  for (const row of rows) {
    if (row.assignment_id || !held(row)) continue;
    const assignmentId = await keepAssignment(ctx, orgId, catalog, row);
    if (assignmentId)
      await updateAudited(ctx, "project_roles", row.id, { assignment_id: assignmentId }, { orgId, entityType: "project role" });
  }
}

/** Before an assignment leaves Roles & RACI: the project role it kept is cleared, not left pointing at nobody. */
export async function releaseAssignments(ctx: WriteContext, orgId: string, assignmentIds: string[]): Promise<void> {
  if (assignmentIds.length === 0) return;
  const rows = await ctx.trx
    .selectFrom("project_roles")
    .select("id")
    .where("org_id", "=", orgId)
    .where("assignment_id", "in", assignmentIds)
    .execute();
  for (const row of rows) {
    await updateAudited(
      ctx,
      "project_roles",
      row.id,
      { person_name: null, user_id: null, assignment_id: null },
      { orgId, entityType: "project role" },
    );
  }
}
