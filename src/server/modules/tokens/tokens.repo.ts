import type { ApiToken } from "../../../contracts/tokens.js";
import { uuidv7 } from "../../../core/ids.js";
import { TOKEN_PREFIX } from "../../auth/principal.js";
import { insertAudited, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import type { ApiTokensTable } from "../../db/schema.js";
import { conflict } from "../../http/errors.js";
import { randomSecret, sha256 } from "../../security/hashing.js";

const present = (r: ApiTokensTable): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** A user's own tokens for one organization. */
export async function listTokens(db: Db, orgId: string, userId: string, includeRevoked: boolean, page: ListParams<"createdAt" | "name">) {
  let query = db.kysely.selectFrom("api_tokens").selectAll().where("org_id", "=", orgId).where("user_id", "=", userId);
  if (!includeRevoked) query = query.where("revoked_at", "is", null);
  const columns = { createdAt: "created_at", name: "name" } as const;
  return paginate(query, columns[page.sort], page, present, page.sort === "createdAt" ? "desc" : "asc");
}

export async function createToken(
  ctx: WriteContext,
  orgId: string,
  userId: string,
  input: { name: string; expiresInDays: number | null },
): Promise<ApiToken & { token: string }> {
  const token = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const row: ApiTokensTable = {
    id: uuidv7(),
    user_id: userId,
    org_id: orgId,
    name: input.name,
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    token_hash: sha256(token),
    created_at: ctx.now,
    expires_at: input.expiresInDays === null ? null : new Date(Date.parse(ctx.now) + input.expiresInDays * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await insertAudited(ctx, "api_tokens", row, { orgId, entityType: "api_token" });
  return { ...present(row), token };
}

export async function revokeToken(ctx: WriteContext, orgId: string, userId: string, tokenId: string): Promise<ApiToken> {
  const current = await ctx.trx
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", tokenId)
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (current?.revoked_at) throw conflict("the token is already revoked");
  const after = await updateAudited(
    ctx,
    "api_tokens",
    tokenId,
    { revoked_at: ctx.now },
    {
      orgId,
      entityType: "api_token",
      action: "api_token.revoked",
      scope: { org_id: orgId, user_id: userId },
    },
  );
  return present(after);
}
