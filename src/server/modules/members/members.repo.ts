import type { Member } from "../../../contracts/members.js";
import type { Role } from "../../../core/access/roles.js";
import { deleteAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { addMembership } from "../orgs/index.js";
import { findUserByEmail } from "../users/index.js";

interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: string;
  disabled_at: string | null;
  created_at: string;
  version: number;
}

const present = (r: MemberRow): Member => ({
  userId: r.user_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as Role,
  disabled: r.disabled_at !== null,
  joinedAt: r.created_at,
  version: r.version,
});

function memberQuery(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  return k
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.user_id", "u.email", "u.display_name", "m.role", "u.disabled_at", "m.created_at", "m.version"])
    .where("m.org_id", "=", orgId);
}

export async function listMembers(
  db: Db,
  orgId: string,
  filter: { q?: string | undefined; role?: Role | undefined },
  page: ListParams<"email" | "displayName" | "role" | "joinedAt">,
) {
  let query = memberQuery(db, orgId);
  if (filter.role) query = query.where("m.role", "=", filter.role);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn("lower", ["u.email"]), "like", like), eb(eb.fn("lower", ["u.display_name"]), "like", like)]),
    );
  }
  const columns = {
    email: { column: "u.email" },
    displayName: { column: "u.display_name" },
    role: { column: "m.role" },
    joinedAt: { column: "m.created_at" },
  } as const;
  return paginate(query, { ...columns[page.sort], idColumn: "m.id" }, page, present);
}

async function findMember(db: Db | WriteContext, orgId: string, userId: string): Promise<MemberRow> {
  const row = await memberQuery(db, orgId).where("m.user_id", "=", userId).executeTakeFirst();
  if (!row) throw notFound("member");
  return row;
}

/**
 * Adds an existing account to the organization with a role, without an invitation: what an
 * instance administrator does with `isms member add` or the members page.
 */
export async function addExistingUser(ctx: WriteContext, orgId: string, email: string, role: Role): Promise<Member> {
  const org = await ctx.trx.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw notFound("organization");
  const user = await findUserByEmail(ctx, email);
  if (!user)
    throw badRequest(`no user has the email ${email}`, [{ field: "email", message: "belongs to no user; send an invitation instead" }]);
  if (user.disabled_at !== null)
    throw badRequest(`the account of ${user.email} is disabled`, [
      { field: "email", message: "belongs to a disabled account; enable it first" },
    ]);
  const current = await memberQuery(ctx, orgId).where("m.user_id", "=", user.id).executeTakeFirst();
  const already = (m: MemberRow) =>
    conflict(`${m.email} is already a member of "${org.name}" (role ${m.role}); change their role instead`, present(m));
  if (current) throw already(current);
  try {
    await addMembership(ctx, orgId, user.id, role);
  } catch (error) {
    // Added by a concurrent request between our check and our insert.
    if (isUniqueViolation(error)) throw conflict(`${user.email} was added to "${org.name}" by a concurrent request`);
    throw error;
  }
  return present(await findMember(ctx, orgId, user.id));
}

export const getMember = async (db: Db, orgId: string, userId: string): Promise<Member> => present(await findMember(db, orgId, userId));

/** An organization always keeps at least one administrator. */
async function assertAnotherAdmin(ctx: WriteContext, orgId: string, userId: string): Promise<void> {
  const others = await ctx.trx
    .selectFrom("memberships")
    .select("id")
    .where("org_id", "=", orgId)
    .where("role", "=", "admin")
    .where("user_id", "!=", userId)
    .limit(1)
    .executeTakeFirst();
  if (!others) throw conflict("an organization needs at least one administrator; make someone else administrator first");
}

export async function changeRole(ctx: WriteContext, orgId: string, userId: string, role: Role, version: number): Promise<Member> {
  const member = await findMember(ctx, orgId, userId);
  if (member.version !== version) {
    throw conflict(
      `the member was changed by someone else (you sent version ${version}, it is now at ${member.version}); reload and try again`,
      present(member),
    );
  }
  if (member.role === "admin" && role !== "admin") await assertAnotherAdmin(ctx, orgId, userId);
  const after = await updateAudited(
    ctx,
    "memberships",
    member.id,
    { role },
    {
      orgId,
      entityType: "membership",
      action: "member.role_changed",
      expectedVersion: version,
    },
  );
  return present({ ...member, role, version: after.version as number });
}

/** Removes a member; their access to the organization ends with their next request. */
export async function removeMember(ctx: WriteContext, orgId: string, userId: string): Promise<void> {
  const member = await findMember(ctx, orgId, userId);
  if (member.role === "admin") await assertAnotherAdmin(ctx, orgId, userId);
  await deleteAudited(ctx, "memberships", member.id, { orgId, entityType: "membership", action: "member.removed" });
  // Tokens for this organization die with the membership.
  const tokens = await ctx.trx
    .selectFrom("api_tokens")
    .select("id")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
  for (const { id } of tokens) {
    await updateAudited(ctx, "api_tokens", id, { revoked_at: ctx.now }, { orgId, entityType: "api_token", action: "api_token.revoked" });
  }
}
