import type { User } from "../../../contracts/users.js";
import { uuidv7 } from "../../../core/ids.js";
import { type PasswordOwner, passwordProblem } from "../../../core/passwords/password-rules.js";
import { revokeAllSessions } from "../../auth/sessions.repo.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import type { UsersTable } from "../../db/schema.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { hashPassword, randomSecret } from "../../security/hashing.js";

export const presentUser = (row: UsersTable): User => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  isInstanceAdmin: row.is_instance_admin === 1,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
});

/** People's names by id, members or not: a former member still shows by name. */
export async function displayNames(db: Db | WriteContext, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const rows = await reader(db).selectFrom("users").select(["id", "display_name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Whether anyone has an account yet: read inside the set-up transaction, so two first administrators cannot race. */
export async function anyUserExists(db: Db | WriteContext): Promise<boolean> {
  return (await reader(db).selectFrom("users").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUserByEmail(db: Db | WriteContext, email: string): Promise<UsersTable | undefined> {
  return reader(db).selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db | WriteContext, id: string): Promise<UsersTable | undefined> {
  return reader(db).selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Refuses a password the rules refuse (src/core/passwords), naming the field it came in. */
export async function assertPasswordAcceptable(password: string, owner: PasswordOwner, field = "password"): Promise<void> {
  const problem = await passwordProblem(password, owner);
  if (problem) throw badRequest(`${field} ${problem}`, [{ field, message: problem }]);
}

/** A random password the rules accept, for accounts that sign in only after a reset (the demo's people). */
export async function randomAcceptablePassword(owner: PasswordOwner): Promise<string> {
  for (;;) {
    const password = randomSecret(24);
    if ((await passwordProblem(password, owner)) === null) return password;
  }
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  isInstanceAdmin?: boolean;
  /** The request field the password came in, for the error when it is refused. */
  passwordField?: string;
}

export async function createUser(ctx: WriteContext, input: NewUser): Promise<UsersTable> {
  await assertPasswordAcceptable(input.password, input, input.passwordField);
  if (await findUserByEmail(ctx, input.email)) throw conflict(`a user with the email ${input.email} already exists`);
  const row: UsersTable = {
    id: uuidv7(),
    email: input.email.toLowerCase(),
    display_name: input.displayName,
    password_hash: await hashPassword(input.password),
    is_instance_admin: input.isInstanceAdmin ? 1 : 0,
    disabled_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "users", row, { orgId: null, entityType: "user" });
  return row;
}

export async function setPassword(
  ctx: WriteContext,
  user: Pick<UsersTable, "id" | "email" | "display_name">,
  password: string,
  field = "password",
): Promise<void> {
  await assertPasswordAcceptable(password, { email: user.email, displayName: user.display_name }, field);
  await updateAudited(
    ctx,
    "users",
    user.id,
    { password_hash: await hashPassword(password) },
    {
      orgId: null,
      entityType: "user",
      action: "user.password_changed",
    },
  );
}

/**
 * Disables or enables an account. Disabling ends every session of the user in the same
 * transaction (their API tokens stop working because token checks read the user), and the
 * last enabled instance administrator cannot be disabled. Returns the user and how many
 * sessions ended.
 */
export async function setUserDisabled(
  ctx: WriteContext,
  userId: string,
  disabled: boolean,
): Promise<{ user: UsersTable; endedSessions: number }> {
  const user = await findUserById(ctx, userId);
  if (!user) throw notFound("user");
  if ((user.disabled_at !== null) === disabled) return { user, endedSessions: 0 };
  if (disabled && user.is_instance_admin === 1) {
    const otherAdmin = await ctx.trx
      .selectFrom("users")
      .select("id")
      .where("is_instance_admin", "=", 1)
      .where("disabled_at", "is", null)
      .where("id", "!=", userId)
      .limit(1)
      .executeTakeFirst();
    if (!otherAdmin) throw conflict("this is the last enabled instance administrator; make someone else instance administrator first");
  }
  const after = await updateAudited(
    ctx,
    "users",
    userId,
    { disabled_at: disabled ? ctx.now : null },
    {
      orgId: null,
      entityType: "user",
      action: disabled ? "user.disabled" : "user.enabled",
    },
  );
  const endedSessions = disabled ? await revokeAllSessions(ctx, userId) : 0;
  return { user: after, endedSessions };
}

export interface UserFilter {
  q?: string;
  disabled?: boolean;
}

export async function listUsers(db: Db, filter: UserFilter, page: ListParams<"email" | "displayName" | "createdAt">) {
  let query = db.kysely.selectFrom("users").selectAll();
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn("lower", ["email"]), "like", like), eb(eb.fn("lower", ["display_name"]), "like", like)]));
  }
  if (filter.disabled !== undefined) query = query.where("disabled_at", filter.disabled ? "is not" : "is", null);
  const columns = { email: "email", displayName: "display_name", createdAt: "created_at" } as const;
  return paginate(query, columns[page.sort], page, presentUser);
}
