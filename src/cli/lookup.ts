import { UUID_PATTERN } from "../core/ids.js";
import { reader, type WriteContext } from "../server/db/audited.js";
import type { Db } from "../server/db/database.js";
import type { UsersTable } from "../server/db/schema.js";
import { findUserByEmail } from "../server/modules/users/users.repo.js";
import { failure, usageError } from "./context.js";

/** People type names, scripts pass ids: `--org` accepts either, and a name shared by several organizations is refused. */
export async function findOrg(db: Db | WriteContext, ref: string): Promise<{ id: string; name: string }> {
  const id = ref.toLowerCase();
  const rows = await reader(db)
    .selectFrom("organizations")
    .select(["id", "name"])
    .where((eb) => (UUID_PATTERN.test(id) ? eb.or([eb("id", "=", id), eb("name", "=", ref)]) : eb("name", "=", ref)))
    .orderBy("id")
    .execute();
  const byId = rows.find((r) => r.id === id);
  if (byId) return byId;
  const [only, ...others] = rows;
  if (!only) throw failure(`no organization has the id or name "${ref}"`);
  if (others.length > 0)
    throw failure(`${rows.length} organizations are named "${ref}"; give the id instead: ${rows.map((r) => r.id).join(", ")}`);
  return only;
}

export async function requireUser(db: Db | WriteContext, email: string): Promise<UsersTable> {
  const user = await findUserByEmail(db, email);
  if (!user) throw failure(`no user has the email ${email}`);
  return user;
}

export async function membershipRole(ctx: WriteContext, orgId: string, userId: string): Promise<string | undefined> {
  const row = await ctx.trx
    .selectFrom("memberships")
    .select("role")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role;
}

/** The revoke repo function is scoped by organization and owner, as the API is; the CLI starts from the id alone. */
export async function findTokenOwner(ctx: WriteContext, tokenId: string): Promise<{ org_id: string; user_id: string }> {
  const owner = await ctx.trx.selectFrom("api_tokens").select(["org_id", "user_id"]).where("id", "=", tokenId).executeTakeFirst();
  if (!owner) throw failure(`no API token has the id ${tokenId}`);
  return owner;
}
export async function findOrgOrOnly(db: Db, ref: string | undefined): Promise<{ id: string; name: string }> {
  if (ref) return findOrg(db, ref);
  const orgs = await db.kysely.selectFrom("organizations").select(["id", "name"]).orderBy("name").limit(3).execute();
  const [only, ...others] = orgs;
  if (!only) throw failure("there is no organization yet; create one with `isms org create` or try `isms demo`");
  if (others.length > 0) throw usageError("there are several organizations; say which with --org <id or name>");
  return only;
}
