import type { Org } from "../../../contracts/orgs.js";
import type { Role } from "../../../core/access/roles.js";
import { uuidv7 } from "../../../core/ids.js";
import { DEFAULT_CURRENCY, DEFAULT_LOCALE } from "../../../core/money/money.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { OrganizationsTable } from "../../db/schema.js";
import { conflict, notFound } from "../../http/errors.js";

/** The organization's own settings, stored as JSON on its row: its currency and locale. */
function storedSettings(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function orgSettings(row: Pick<OrganizationsTable, "settings">): { currency: string; locale: string } {
  const stored = storedSettings(row.settings);
  return {
    currency: typeof stored.currency === "string" ? stored.currency : DEFAULT_CURRENCY,
    locale: typeof stored.locale === "string" ? stored.locale : DEFAULT_LOCALE,
  };
}

const present = (row: OrganizationsTable, role: Role): Org => ({
  id: row.id,
  name: row.name,
  role,
  ...orgSettings(row),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** The organizations a user belongs to (an API token sees only its own). */
export async function listOrgsOf(db: Db, userId: string, onlyOrgId?: string): Promise<Org[]> {
  let query = db.kysely
    .selectFrom("organizations as o")
    .innerJoin("memberships as m", "m.org_id", "o.id")
    .selectAll("o")
    .select("m.role")
    .where("m.user_id", "=", userId)
    .orderBy("o.name")
    .orderBy("o.id");
  if (onlyOrgId) query = query.where("o.id", "=", onlyOrgId);
  const rows = await query.execute();
  return rows.map((r) => present(r, r.role as Role));
}

export async function getOrg(db: Db, orgId: string, role: Role): Promise<Org> {
  const row = await db.kysely.selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
  if (!row) throw notFound("organization");
  return present(row, role);
}

/** Creates an organization with its creator as administrator. */
export async function createOrg(ctx: WriteContext, name: string, creatorId: string): Promise<Org> {
  const org: OrganizationsTable = { id: uuidv7(), name, settings: "{}", created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "organizations", org, { orgId: org.id, entityType: "organization" });
  await addMembership(ctx, org.id, creatorId, "admin");
  return present(org, "admin");
}

export async function renameOrg(
  ctx: WriteContext,
  orgId: string,
  change: { name: string; currency?: string | undefined; locale?: string | undefined },
  version: number,
  role: Role,
): Promise<Org> {
  const row = await ctx.trx.selectFrom("organizations").select("settings").where("id", "=", orgId).executeTakeFirst();
  if (!row) throw notFound("organization");
  const current = orgSettings(row);
  const settings = JSON.stringify({
    ...storedSettings(row.settings),
    currency: change.currency ?? current.currency,
    locale: change.locale ?? current.locale,
  });
  const after = await updateAudited(
    ctx,
    "organizations",
    orgId,
    { name: change.name, settings },
    {
      orgId,
      entityType: "organization",
      expectedVersion: version,
      present: (row) => present(row, role),
    },
  );
  return present(after, role);
}

/** Whether the user is a member of the organization. */
export async function isMember(db: Db | WriteContext, orgId: string, userId: string): Promise<boolean> {
  const row = await reader(db)
    .selectFrom("memberships")
    .select("id")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these people are members of the organization. */
export async function membersAmong(db: Db | WriteContext, orgId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await reader(db)
    .selectFrom("memberships")
    .select("user_id")
    .where("org_id", "=", orgId)
    .where("user_id", "in", [...new Set(userIds)])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function addMembership(ctx: WriteContext, orgId: string, userId: string, role: Role): Promise<void> {
  if (await isMember(ctx, orgId, userId)) throw conflict("the user is already a member of this organization");
  await insertAudited(
    ctx,
    "memberships",
    { id: uuidv7(), org_id: orgId, user_id: userId, role, created_at: ctx.now, updated_at: ctx.now, version: 1 },
    { orgId, entityType: "membership", action: "member.added" },
  );
}

export async function listAllOrgs(db: Db): Promise<{ id: string; name: string; createdAt: string; members: number }[]> {
  const rows = await db.kysely
    .selectFrom("organizations as o")
    .leftJoin("memberships as m", "m.org_id", "o.id")
    .select(["o.id", "o.name", "o.created_at"])
    .select((eb) => eb.fn.count<string | number>("m.id").as("members"))
    .groupBy(["o.id", "o.name", "o.created_at"])
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, members: Number(r.members) }));
}

/** An organization's currency and locale (the defaults when it never set them). */
export async function readOrgSettings(db: Db | WriteContext, orgId: string): Promise<{ currency: string; locale: string }> {
  const row = await reader(db).selectFrom("organizations").select("settings").where("id", "=", orgId).executeTakeFirst();
  return orgSettings(row ?? { settings: "{}" });
}

/** An organization's name, or undefined when there is no such organization. */
export async function orgName(db: Db | WriteContext, orgId: string): Promise<string | undefined> {
  const row = await reader(db).selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirst();
  return row?.name;
}
