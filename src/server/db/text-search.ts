import { sql } from "kysely";

/**
 * Case-insensitive substring match on the text as typed (% and _ match themselves), on a column
 * as written or on one the app stored already folded. Shared by every register's search.
 */
export function containsText(column: string, q: string, stored: "as written" | "folded" = "as written") {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const text = stored === "folded" ? sql.ref(column) : sql`lower(${sql.ref(column)})`;
  return sql<boolean>`${text} like ${pattern} escape '\\'`;
}
