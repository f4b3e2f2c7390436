import type { Invite } from "../../../contracts/invites.js";
import type { Role } from "../../../core/access/roles.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import type { InvitesTable } from "../../db/schema.js";
import { conflict, notFound } from "../../http/errors.js";
import { randomSecret, sha256 } from "../../security/hashing.js";

type InviteStatus = Invite["status"];

export function inviteStatus(row: Pick<InvitesTable, "accepted_at" | "revoked_at" | "expires_at">, now = Date.now()): InviteStatus {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  return Date.parse(row.expires_at) <= now ? "expired" : "pending";
}

const present = (row: InvitesTable & { created_by_name: string | null }): Invite => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  status: inviteStatus(row),
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  createdBy: row.created_by_name,
});

function inviteQuery(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  return k
    .selectFrom("invites as i")
    .leftJoin("users as u", "u.id", "i.created_by")
    .selectAll("i")
    .select("u.display_name as created_by_name")
    .where("i.org_id", "=", orgId);
}

export async function listInvites(
  db: Db,
  orgId: string,
  status: InviteStatus | undefined,
  page: ListParams<"createdAt" | "email" | "expiresAt">,
) {
  let query = inviteQuery(db, orgId);
  const now = new Date().toISOString();
  if (status === "accepted") query = query.where("i.accepted_at", "is not", null);
  if (status === "revoked") query = query.where("i.accepted_at", "is", null).where("i.revoked_at", "is not", null);
  if (status === "expired")
    query = query.where("i.accepted_at", "is", null).where("i.revoked_at", "is", null).where("i.expires_at", "<=", now);
  if (status === "pending")
    query = query.where("i.accepted_at", "is", null).where("i.revoked_at", "is", null).where("i.expires_at", ">", now);
  const columns = { createdAt: "i.created_at", email: "i.email", expiresAt: "i.expires_at" } as const;
  return paginate(query, { column: columns[page.sort], idColumn: "i.id" }, page, present, page.sort === "createdAt" ? "desc" : "asc");
}

/** Creates an invitation; the returned secret is shown once and only its hash is kept. */
export async function createInvite(
  ctx: WriteContext,
  orgId: string,
  input: { email: string; role: Role; expiresInHours: number },
  createdBy: string,
): Promise<{ invite: Invite; token: string }> {
  const existingMember = await ctx.trx
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.id")
    .where("m.org_id", "=", orgId)
    .where("u.email", "=", input.email)
    .executeTakeFirst();
  if (existingMember) throw conflict(`${input.email} is already a member of this organization`);
  const token = randomSecret(32);
  const row: InvitesTable = {
    id: uuidv7(),
    org_id: orgId,
    email: input.email,
    role: input.role,
    token_hash: sha256(token),
    expires_at: new Date(Date.parse(ctx.now) + input.expiresInHours * 3_600_000).toISOString(),
    created_by: createdBy,
    created_at: ctx.now,
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  await insertAudited(ctx, "invites", row, { orgId, entityType: "invite" });
  const created = await inviteQuery(ctx, orgId).where("i.id", "=", row.id).executeTakeFirstOrThrow();
  return { invite: present(created), token };
}

export async function revokeInvite(ctx: WriteContext, orgId: string, inviteId: string): Promise<Invite> {
  const row = await inviteQuery(ctx, orgId).where("i.id", "=", inviteId).executeTakeFirst();
  if (!row) throw notFound("invitation");
  if (inviteStatus(row) !== "pending") throw conflict(`the invitation is ${inviteStatus(row)} and can no longer be revoked`);
  await updateAudited(
    ctx,
    "invites",
    inviteId,
    { revoked_at: ctx.now },
    { orgId, entityType: "invite", action: "invite.revoked", scope: { org_id: orgId } },
  );
  return present({ ...row, revoked_at: ctx.now });
}

export async function findInviteByToken(db: Db | WriteContext, token: string) {
  const k = reader(db);
  return k
    .selectFrom("invites as i")
    .innerJoin("organizations as o", "o.id", "i.org_id")
    .selectAll("i")
    .select("o.name as org_name")
    .where("i.token_hash", "=", sha256(token))
    .executeTakeFirst();
}

export async function markAccepted(ctx: WriteContext, invite: InvitesTable, userId: string): Promise<void> {
  await updateAudited(
    ctx,
    "invites",
    invite.id,
    { accepted_at: ctx.now, accepted_by: userId },
    {
      orgId: invite.org_id,
      entityType: "invite",
      action: "invite.accepted",
    },
  );
}
