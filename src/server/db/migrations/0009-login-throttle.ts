import type { Kysely } from "kysely";

/**
 * Sign-in throttling decides under a row lock: one row per account (by email) and per client
 * address, upserted first in the transaction that counts the failures and reserves the attempt,
 * so parallel guesses on any number of app instances are counted one after the other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("login_locks")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  // The per-(account, address) counts and the "has signed in from here before" look-up.
  await db.schema.createIndex("login_attempts_email_ip_at").on("login_attempts").columns(["email", "ip", "at"]).execute();
}
