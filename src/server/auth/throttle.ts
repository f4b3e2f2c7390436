import type { Db } from "../db/database.js";
import { tooManyRequests } from "../http/errors.js";

/** Failed sign-ins are counted in the database, so the limits hold across every app instance. */
export const THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
} as const;

/**
 * Refuses a sign-in while the account (by email, whether or not it exists, so lockout reveals
 * nothing) or the address has too many recent failures. The lock lifts when the window passes.
 */
export async function assertLoginAllowed(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000).toISOString();
  const lastSuccess = await db.kysely
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.max("at").as("at"))
    .where("email", "=", email)
    .where("succeeded", "=", 1)
    .executeTakeFirst();
  const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const [byAccount, byAddress] = await Promise.all([failures(db, "email", email, accountSince), failures(db, "ip", ip, since)]);
  const retryAfter = (oldest: string | null) =>
    Math.max(1, Math.ceil((Date.parse(oldest ?? new Date().toISOString()) + THROTTLE.windowMinutes * 60_000 - Date.now()) / 1000));
  if (byAccount.count >= THROTTLE.maxFailuresPerAccount) {
    throw tooManyRequests(
      `too many failed sign-ins for this account; it is locked for up to ${THROTTLE.windowMinutes} minutes`,
      retryAfter(byAccount.oldest),
    );
  }
  if (byAddress.count >= THROTTLE.maxFailuresPerAddress) {
    throw tooManyRequests("too many failed sign-ins from your address; try again later", retryAfter(byAddress.oldest));
  }
}

async function failures(db: Db, column: "email" | "ip", value: string, since: string) {
  const row = await db.kysely
    .selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<string | number>().as("n"), eb.fn.min("at").as("oldest")])
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

export async function recordLoginAttempt(db: Db, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.kysely
    .insertInto("login_attempts")
    .values({ email, ip, succeeded: succeeded ? 1 : 0, at: new Date().toISOString() })
    .execute();
}
