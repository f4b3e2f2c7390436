import type { Kysely } from "kysely";
import type { Db } from "../db/database.js";
import type { Database } from "../db/schema.js";
import { tooManyRequests } from "../http/errors.js";

/**
 * Password checks (sign-in, accepting an invitation with an existing account, changing the
 * password) are counted in the database, so the limits hold across every app instance.
 *
 * Failures are counted per account and address together, so a stranger's guesses cannot lock a
 * person out from where they usually sign in. An account-wide limit still stops guesses spread
 * over many addresses, but it applies only to addresses that have never signed in to the
 * account: the owner's known addresses keep working. docs/security.md explains the choice.
 */
export const THROTTLE = {
  windowMinutes: 15,
  /** Failures of one account from one address before that pair waits for the window. */
  maxFailuresPerAccountAndAddress: 5,
  /** Failures from one address, over all accounts. */
  maxFailuresPerAddress: 30,
  /** Failures of one account from all addresses, enforced on addresses it never signed in from. */
  maxFailuresPerAccount: 10,
  /** An address stays "known" to an account this long after a successful password check from it. */
  knownAddressDays: 90,
} as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** About one check in this many also deletes attempts older than anything the limits read. */
const PRUNE_ONE_IN = 200;

/**
 * Checks a password under the limits. The attempt is recorded as a failure before the password
 * is checked, in the same transaction that counts the earlier failures under row locks on the
 * account and the address; a right password then turns it into a success. So parallel guesses
 * are decided one after the other and none can overtake the limit, on any number of instances.
 * Throws 429 with Retry-After while a limit is reached.
 */
export async function throttledPasswordCheck(db: Db, email: string, ip: string, check: () => Promise<boolean>): Promise<boolean> {
  const attemptId = await reserveAttempt(db, email, ip);
  const ok = await check();
  if (ok) await db.kysely.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
  if (Math.random() * PRUNE_ONE_IN < 1) await pruneLoginAttempts(db);
  return ok;
}

async function reserveAttempt(db: Db, email: string, ip: string): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    // The locks come first and in one order, so two checks never wait on each other in a cycle;
    // on SQLite the first write takes the database's write lock, which serializes just the same.
    for (const key of [`account:${email}`, `address:${ip}`].sort()) {
      await trx
        .insertInto("login_locks")
        .values({ key, at: new Date().toISOString() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ at: new Date().toISOString() }))
        .execute();
    }
    const now = Date.now();
    const since = new Date(now - THROTTLE.windowMinutes * MINUTE).toISOString();
    const lastSuccessHere = (
      await trx
        .selectFrom("login_attempts")
        .select((eb) => eb.fn.max("at").as("at"))
        .where("email", "=", email)
        .where("ip", "=", ip)
        .where("succeeded", "=", 1)
        .executeTakeFirst()
    )?.at as string | null | undefined;
    const known = typeof lastSuccessHere === "string" && Date.parse(lastSuccessHere) > now - THROTTLE.knownAddressDays * DAY;
    // A success from this address ends the count of the pair: it knew the password then.
    const pairSince = typeof lastSuccessHere === "string" && lastSuccessHere > since ? lastSuccessHere : since;
    const retryAfter = (oldest: string | null) =>
      Math.max(1, Math.ceil((Date.parse(oldest ?? new Date(now).toISOString()) + THROTTLE.windowMinutes * MINUTE - now) / 1000));

    const pair = await failures(trx, { email, ip }, pairSince);
    if (pair.count >= THROTTLE.maxFailuresPerAccountAndAddress) {
      throw tooManyRequests(
        `too many failed password checks for this account from your address; wait up to ${THROTTLE.windowMinutes} minutes`,
        retryAfter(pair.oldest),
      );
    }
    const address = await failures(trx, { ip }, since);
    if (address.count >= THROTTLE.maxFailuresPerAddress) {
      throw tooManyRequests("too many failed sign-ins from your address; try again later", retryAfter(address.oldest));
    }
    if (!known) {
      const account = await failures(trx, { email }, since);
      if (account.count >= THROTTLE.maxFailuresPerAccount) {
        throw tooManyRequests(
          "too many failed sign-ins for this account from different addresses; sign in from an address you used before, or wait",
          retryAfter(account.oldest),
        );
      }
    }
    const row = await trx
      .insertInto("login_attempts")
      .values({ email, ip, succeeded: 0, at: new Date(now).toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

async function failures(trx: Kysely<Database>, by: { email?: string; ip?: string }, since: string) {
  let query = trx
    .selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<string | number>().as("n"), eb.fn.min("at").as("oldest")])
    .where("succeeded", "=", 0)
    .where("at", ">", since);
  if (by.email !== undefined) query = query.where("email", "=", by.email);
  if (by.ip !== undefined) query = query.where("ip", "=", by.ip);
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

/** Failures matter for one window and successes for the "known address" period; older rows go. */
export async function pruneLoginAttempts(db: Db, now = Date.now()): Promise<void> {
  const keepFrom = new Date(now - THROTTLE.knownAddressDays * DAY).toISOString();
  const windowStart = new Date(now - THROTTLE.windowMinutes * MINUTE).toISOString();
  await db.kysely
    .deleteFrom("login_attempts")
    .where((eb) => eb.or([eb("at", "<", keepFrom), eb.and([eb("succeeded", "=", 0), eb("at", "<", windowStart)])]))
    .execute();
  await db.kysely.deleteFrom("login_locks").where("at", "<", windowStart).execute();
}
