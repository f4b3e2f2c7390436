import type { SelectQueryBuilder } from "kysely";
import { decodeCursor, encodeCursor } from "../../core/pagination/cursor.js";
import { badRequest } from "../http/errors.js";
import type { Database } from "./schema.js";

export interface ListParams<S extends string> {
  sort: S;
  dir?: "asc" | "desc" | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SortColumn {
  /** The column as the query names it (may be qualified, e.g. "u.email"). */
  column: string;
  /** The row field holding its value, when it differs from the column's last segment. */
  field?: string;
  /** The id column breaking ties, as the query names it. */
  idColumn?: string;
}

export const invalidCursor = () =>
  badRequest("the cursor is not valid", [{ field: "cursor", message: "is not a cursor this list issued" }]);

/**
 * Keyset pagination on any sort column, with the id as tie-breaker: stable under inserts and
 * as fast on page 1,000 as on page 1 given an index on (sort column, id).
 */
export async function paginate<Row extends { id: string }, Out, DB = Database, TB extends keyof DB = keyof DB>(
  query: SelectQueryBuilder<DB, TB, Row>,
  sort: string | SortColumn,
  params: ListParams<string>,
  present: (row: Row) => Out,
  defaultDir: "asc" | "desc" = "asc",
): Promise<Page<Out>> {
  const { column, field = column.split(".").pop() as string, idColumn = "id" } = typeof sort === "string" ? { column: sort } : sort;
  const dir = params.dir ?? defaultDir;
  // biome-ignore lint/suspicious/noExplicitAny: the sort column is chosen from a whitelist at run time
  let q = query as SelectQueryBuilder<any, any, Row>;
  if (params.cursor) {
    const position = decodeCursor(params.cursor);
    if (!position) throw invalidCursor();
    const op = dir === "asc" ? ">" : "<";
    q = q.where((eb) => eb.or([eb(column, op, position.value), eb.and([eb(column, "=", position.value), eb(idColumn, op, position.id)])]));
  }
  const rows = await q
    .orderBy(column, dir)
    .orderBy(idColumn, dir)
    .limit(params.limit + 1)
    .execute()
    .catch((error: unknown) => {
      // A well-formed cursor whose value the sort column cannot hold (PostgreSQL's data exceptions, class 22) was not issued by this list.
      if (params.cursor && /^22/.test(String((error as { code?: unknown }).code))) throw invalidCursor();
      throw error;
    });
  const more = rows.length > params.limit;
  const pageRows = more ? rows.slice(0, params.limit) : rows;
  const last = pageRows.at(-1);
  const value = last ? (last as Record<string, unknown>)[field] : null;
  return {
    items: pageRows.map(present),
    nextCursor:
      more && last ? encodeCursor({ value: typeof value === "number" ? value : value == null ? null : String(value), id: last.id }) : null,
  };
}
