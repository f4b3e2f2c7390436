import type { IsmsRole } from "../../../contracts/raci.js";
import { uuidv7 } from "../../../core/ids.js";
import type { ProcessCatalog } from "../../../core/process/catalog.js";
import { insertAudited, reader, recordEvent, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { IsmsRolesTable } from "../../db/schema.js";
import { notFound } from "../../http/errors.js";
import { linkProjectRoles } from "../process/index.js";

export const RACI_LETTERS = { responsible: "R", accountable: "A", consulted: "C", informed: "I" } as const;

/**
 * Gives an organization the catalog's default roles (Annex B) and RACI, once. Called when an
 * organization is created, and by the role routes for organizations that predate them.
 */
export async function seedRoles(ctx: WriteContext, orgId: string, catalog: ProcessCatalog): Promise<void> {
  if (await hasRoles(ctx, orgId)) return;
  const ids = new Map<string, string>();
  for (const [index, role] of catalog.roles.entries()) {
    const row: IsmsRolesTable = {
      id: uuidv7(),
      org_id: orgId,
      key: role.key,
      title: role.title,
      description: role.description,
      mandatory: role.mandatory ? 1 : 0,
      // A millisecond apart, so the roles list in the catalog's order.
      created_at: new Date(Date.parse(ctx.now) + index).toISOString(),
      updated_at: ctx.now,
      version: 1,
    };
    await ctx.trx.insertInto("isms_roles").values(row).execute();
    ids.set(role.key, row.id);
  }
  const entries = catalog.activities.flatMap((activity) =>
    (["R", "A", "C", "I"] as const).flatMap((letter) => {
      const keys = letter === "A" ? [activity.raci.A] : activity.raci[letter];
      return keys.map((key) => ({ activity_id: activity.id, role_id: ids.get(key) as string, letter }));
    }),
  );
  for (const entry of entries) {
    await ctx.trx
      .insertInto("raci_entries")
      .values({ id: uuidv7(), org_id: orgId, ...entry, created_at: ctx.now, updated_at: ctx.now, version: 1 })
      .execute();
  }
  // One event for the whole default set: it is one decision (take the catalog's defaults).
  await recordEvent(ctx, {
    orgId,
    action: "raci.seeded",
    entityType: "raci",
    entityId: null,
    changes: { roles: { before: null, after: catalog.roles.map((r) => r.key) }, entries: { before: null, after: entries.length } },
  });
  // One role model: project roles named before the roles existed now hold their ISMS roles.
  await linkProjectRoles(ctx, orgId, catalog);
}

/** Whether the organization has any roles yet (none until they are seeded). */
export async function hasRoles(db: Db | WriteContext, orgId: string): Promise<boolean> {
  const any = await reader(db).selectFrom("isms_roles").select("id").where("org_id", "=", orgId).limit(1).executeTakeFirst();
  return any !== undefined;
}

/** The ids of all the organization's roles. */
export async function roleIds(db: Db | WriteContext, orgId: string): Promise<Set<string>> {
  const rows = await reader(db).selectFrom("isms_roles").select("id").where("org_id", "=", orgId).execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the organization has a role with this id. */
export async function roleExists(db: Db | WriteContext, orgId: string, roleId: string): Promise<boolean> {
  const row = await reader(db)
    .selectFrom("isms_roles")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", roleId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether one of the organization's roles has this key already. */
export async function roleKeyTaken(db: Db | WriteContext, orgId: string, key: string): Promise<boolean> {
  const row = await reader(db).selectFrom("isms_roles").select("id").where("org_id", "=", orgId).where("key", "=", key).executeTakeFirst();
  return row !== undefined;
}

/** The activities a role is accountable (A) for. */
export async function activitiesAccountableTo(db: Db | WriteContext, orgId: string, roleId: string): Promise<string[]> {
  const rows = await reader(db)
    .selectFrom("raci_entries")
    .select("activity_id")
    .where("org_id", "=", orgId)
    .where("role_id", "=", roleId)
    .where("letter", "=", "A")
    .execute();
  return rows.map((r) => r.activity_id);
}

/** The ids of the assignments of people to a role. */
export async function assignmentIdsOf(db: Db | WriteContext, orgId: string, roleId: string): Promise<string[]> {
  const rows = await reader(db)
    .selectFrom("role_assignments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("role_id", "=", roleId)
    .execute();
  return rows.map((r) => r.id);
}

export async function listRoles(db: Db | WriteContext, orgId: string): Promise<IsmsRole[]> {
  const k = reader(db);
  const [roles, people] = await Promise.all([
    k.selectFrom("isms_roles").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k
      .selectFrom("role_assignments as a")
      .leftJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.role_id", "a.user_id", "a.person_name", "u.display_name"])
      .where("a.org_id", "=", orgId)
      .orderBy("a.created_at")
      .execute(),
  ]);
  return roles.map((r) => ({
    id: r.id,
    key: r.key,
    title: r.title,
    description: r.description,
    mandatory: r.mandatory === 1,
    people: people
      .filter((p) => p.role_id === r.id)
      .map((p) => ({ assignmentId: p.id, userId: p.user_id, personName: p.display_name ?? p.person_name ?? "" })),
    version: r.version,
  }));
}

export async function roleById(db: Db | WriteContext, orgId: string, roleId: string): Promise<IsmsRole> {
  const role = (await listRoles(db, orgId)).find((r) => r.id === roleId);
  if (!role) throw notFound("role");
  return role;
}

export async function raciEntries(db: Db | WriteContext, orgId: string, catalog: ProcessCatalog) {
  const k = reader(db);
  const rows = await k.selectFrom("raci_entries").select(["activity_id", "role_id", "letter"]).where("org_id", "=", orgId).execute();
  return catalog.activities.map((activity) => {
    const mine = rows.filter((r) => r.activity_id === activity.id);
    // Sorted, so the same assignment always reads the same.
    const of = (letter: string) =>
      mine
        .filter((r) => r.letter === letter)
        .map((r) => r.role_id)
        .sort();
    return { activityId: activity.id, responsible: of("R"), accountable: of("A")[0] ?? null, consulted: of("C"), informed: of("I") };
  });
}

/** Replaces one activity's RACI; recorded as one event with the assignment before and after. */
export async function setRaci(
  ctx: WriteContext,
  orgId: string,
  activityId: string,
  next: { responsible: string[]; accountable: string; consulted: string[]; informed: string[] },
  catalog: ProcessCatalog,
): Promise<void> {
  const before = (await raciEntries(ctx, orgId, catalog)).find((e) => e.activityId === activityId);
  await ctx.trx.deleteFrom("raci_entries").where("org_id", "=", orgId).where("activity_id", "=", activityId).execute();
  const rows = [
    ...new Set(next.responsible.map((id) => `R:${id}`)),
    `A:${next.accountable}`,
    ...new Set(next.consulted.map((id) => `C:${id}`)),
    ...new Set(next.informed.map((id) => `I:${id}`)),
  ].map((pair) => ({ letter: pair.slice(0, 1), role_id: pair.slice(2) }));
  for (const row of rows) {
    await ctx.trx
      .insertInto("raci_entries")
      .values({ id: uuidv7(), org_id: orgId, activity_id: activityId, ...row, created_at: ctx.now, updated_at: ctx.now, version: 1 })
      .execute();
  }
  await recordEvent(ctx, {
    orgId,
    action: "raci.updated",
    entityType: "raci",
    entityId: activityId,
    changes: { raci: { before: before ?? null, after: { activityId, ...next } } },
  });
}

export async function addAssignment(
  ctx: WriteContext,
  orgId: string,
  roleId: string,
  person: { userId: string | null; personName: string | null },
) {
  const row = {
    id: uuidv7(),
    org_id: orgId,
    role_id: roleId,
    user_id: person.userId,
    person_name: person.personName,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "role_assignments", row, { orgId, entityType: "role assignment" });
  return row;
}
