import { sql } from "kysely";
import type { WriteContext } from "./audited.js";
import { NUMBERED } from "./migrations/0010-number-counters.js";

/** Numbered tables added after the counters' migration (counted from their own MAX(number) on first use). */
export const MORE_NUMBERED = [
  { table: "audits", scope: "org_id" },
  { table: "audit_findings", scope: "org_id" },
  { table: "nonconformities", scope: "org_id" },
  { table: "management_reviews", scope: "org_id" },
  { table: "deliverable_issues", scope: "scope_key" },
  { table: "plan_tasks", scope: "org_id" },
  { table: "plan_baselines", scope: "org_id" },
] as const;

type Numbered = (typeof NUMBERED)[number] | (typeof MORE_NUMBERED)[number];

/**
 * The next number of a numbered record (R-0042, method version 3, SoA version 7, …) within its
 * scope. The counter row's UPDATE takes its row lock (PostgreSQL) or the write lock (SQLite), so
 * concurrent creates on any number of app instances queue here and each gets its own number; a
 * rolled-back write gives its number back. Take the number first, before any audited write (whose
 * audit chain head is another row lock: one order everywhere means no deadlock) and before reading
 * the state a create is checked against (an open draft, an unchanged version), so the second of
 * two concurrent creates reads after the first has committed.
 *
 * Bookkeeping like the audit chain head, so not itself audited.
 */
export async function nextNumber(ctx: WriteContext, table: Numbered["table"] | "measures", scope: string): Promise<number> {
  const bump = () =>
    ctx.trx
      .updateTable("number_counters")
      .set((eb) => ({ value: eb("value", "+", 1) }))
      .where("name", "=", table)
      .where("scope", "=", scope)
      .returning("value")
      .executeTakeFirst();
  let row = await bump();
  if (!row) {
    // First number in this scope: start from what is there (rows restored or written before the
    // counter existed). A concurrent first insert waits on ours and then does nothing.
    const column = [...NUMBERED, ...MORE_NUMBERED].find((n) => n.table === table)?.scope ?? "org_id";
    const found = await sql<{
      n: number | string | null;
    }>`SELECT MAX(number) AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${scope}`.execute(ctx.trx);
    await ctx.trx
      .insertInto("number_counters")
      .values({ name: table, scope, value: Number(found.rows[0]?.n ?? 0) })
      .onConflict((oc) => oc.columns(["name", "scope"]).doNothing())
      .execute();
    row = await bump();
  }
  if (!row) throw new Error(`no number counter for ${table} ${scope}`);
  return Number(row.value);
}
