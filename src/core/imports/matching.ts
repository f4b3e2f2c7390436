/**
 * Which record each row of an import is about, and what a reference in a cell points to.
 *
 * A record's identity in a file is its external reference; a record without one is known by its
 * name (a requirement by its title). So re-importing a file updates what the last import
 * created instead of adding it again, and a file exported from the app matches row for row.
 */
export interface KeyedRecord {
  id: string;
  externalRef: string | null;
  name: string;
}

export interface RowKey {
  row: number;
  externalRef: string | null;
  name: string;
}

export type RowMatch =
  | { kind: "new" }
  | { kind: "existing"; id: string }
  | { kind: "problem"; field: "externalRef" | "name"; message: string };

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Matches each row to an existing record or to nothing (a new record): by external reference,
 * else by name among the records that have no external reference yet (so a file can give them
 * one). Two rows about the same record are refused on the later row, and so is a name that
 * several records without an external reference share.
 */
export function matchRows(
  rows: readonly RowKey[],
  existing: readonly KeyedRecord[],
  what: string,
  /** What the key is called where a register has its own in place of the external reference (the gap assessment's "item"). */
  keyName = "external reference",
): RowMatch[] {
  return rows.map(rowMatcher(existing, what, keyName));
}

/**
 * matchRows one row at a time, in the file's order: the caller may pause between rows (a long
 * import lets other requests in). Each row's match depends on the rows before it.
 */
export function rowMatcher(existing: readonly KeyedRecord[], what: string, keyName = "external reference"): (row: RowKey) => RowMatch {
  const byRef = groupBy(existing, (r) => r.externalRef);
  const unreferencedByName = groupBy(
    existing.filter((r) => r.externalRef === null),
    (r) => r.name,
  );
  const rowOfRef = new Map<string, number>();
  const rowOfName = new Map<string, number>();
  const rowOfRecord = new Map<string, number>();
  return (row): RowMatch => {
    if (row.externalRef !== null) {
      const earlier = rowOfRef.get(row.externalRef);
      if (earlier !== undefined) return { kind: "problem", field: "externalRef", message: `row ${earlier} has the same ${keyName}` };
      rowOfRef.set(row.externalRef, row.row);
    } else {
      const earlier = rowOfName.get(row.name);
      if (earlier !== undefined)
        return {
          kind: "problem",
          field: "name",
          message: `row ${earlier} has the same name and neither has an external reference; give each one to tell them apart`,
        };
      rowOfName.set(row.name, row.row);
    }
    const byItsRef = row.externalRef === null ? undefined : byRef.get(row.externalRef)?.[0];
    const byItsName = byItsRef ? [] : (unreferencedByName.get(row.name) ?? []);
    if (byItsName.length > 1)
      return {
        kind: "problem",
        field: "name",
        message: `${byItsName.length} ${what}s without an external reference have this name; give them external references first`,
      };
    const found = byItsRef ?? byItsName[0];
    if (!found) return { kind: "new" };
    const claimed = rowOfRecord.get(found.id);
    if (claimed !== undefined)
      return { kind: "problem", field: byItsRef ? "externalRef" : "name", message: `row ${claimed} is about the same ${what}` };
    rowOfRecord.set(found.id, row.row);
    return { kind: "existing", id: found.id };
  };
}

export type Resolution = { ok: true; id: string } | { ok: false; message: string };

/**
 * Resolves a reference written in a cell (another record's external reference, or else its
 * name) against the records given: the database's and the file's, as they will be after the import.
 */
export function referenceResolver(records: readonly KeyedRecord[], what: string): (text: string) => Resolution {
  const byRef = groupBy(records, (r) => r.externalRef);
  const byName = groupBy(records, (r) => r.name);
  return (text) => {
    const withRef = byRef.get(text) ?? [];
    const candidates = withRef.length > 0 ? withRef : (byName.get(text) ?? []);
    const [only, ...others] = candidates;
    if (!only) return { ok: false, message: `no ${what} has the external reference or name "${text}"` };
    if (others.length > 0)
      return { ok: false, message: `${candidates.length} ${what}s are named "${text}"; refer to one by its external reference` };
    return { ok: true, id: only.id };
  };
}

/** How a record is written in another record's reference cell: by its external reference if it has one, else by name. */
export const referenceText = (record: { externalRef: string | null; name: string }): string => record.externalRef ?? record.name;
