import { canonicalJson } from "../../core/audit/chain.js";
import { uuidv7 } from "../../core/ids.js";
import {
  type Column,
  columnOf,
  type ImportProblem,
  type ImportRegister,
  importColumns,
  isBlankRow,
  mapHeaders,
  parseRow,
  toInput,
} from "../../core/imports/columns.js";
import { type KeyedRecord, matchRows, type Resolution, type RowMatch, referenceResolver } from "../../core/imports/matching.js";
import { readScale } from "../modules/assets/assets.repo.js";
import { sha256 } from "../security/hashing.js";
import type { Table } from "./file-format.js";
import { BINDINGS, loadRecords, type PlannedRow, type RegisterBinding, type Source, type Stored } from "./registers.js";

/** What importing a file would do, decided against the database as it is now. */
export interface Plan {
  register: ImportRegister;
  /** Data rows in the file, blank rows not counted. */
  rows: number;
  creates: PlannedRow[];
  updates: PlannedRow[];
  unchanged: number;
  /** Every problem, by row; any problem means nothing may be written. */
  problems: ImportProblem[];
  /** The record and version each row was matched to: a commit that would match differently is refused. */
  fingerprint: string;
}

const trimmedOrNull = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** Whether writing these columns would change the stored row; JSON columns compare by content. */
function sameColumns(columns: Record<string, unknown>, before: Stored): boolean {
  return Object.entries(columns).every(([column, value]) => {
    const stored = before[column] ?? null;
    if (value === stored) return true;
    if (typeof value !== "string" || typeof stored !== "string" || !value.startsWith("{")) return false;
    return canonicalJson(JSON.parse(value)) === canonicalJson(JSON.parse(stored));
  });
}

/** The records a self-reference may point to: the database's, as the file's rows would leave them, and the file's new ones. */
function finalRecords(candidates: KeyedRecord[], rows: KeyedRecord[]): KeyedRecord[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()];
}

export async function planImport(source: Source, orgId: string, register: ImportRegister, table: Table): Promise<Plan> {
  const binding = BINDINGS[register];
  const scale = await readScale(source, orgId);
  const columns = importColumns(register, scale);
  const { positions, problems } = mapHeaders(table.header, table.rows, columns);
  // Positions of the rows that are not blank: row i of the table is the spreadsheet's row i + 2.
  const dataRows: number[] = [];
  table.rows.forEach((cells, i) => {
    if (!isBlankRow(cells)) dataRows.push(i);
  });
  const empty = { register, rows: dataRows.length, creates: [], updates: [], unchanged: 0 };
  if (problems.length > 0) return { ...empty, problems, fingerprint: "" };

  const existing = await loadRecords(source, binding, orgId);
  const byId = new Map(existing.map((r) => [r.id, r]));
  const withRefs = [...positions.keys()].some((c) => c.field === "externalRef");
  // Without an external reference column the file cannot say which records it means by one, so names decide.
  const existingKeys = existing.map((r) => ({ ...binding.keyOf(r), ...(withRefs ? {} : { externalRef: null }) }));
  // Row by row and without intermediate copies: a file may hold a few hundred thousand rows.
  const rowProblems = new Map<number, ImportProblem[]>();
  const problemsOf = (i: number) => {
    const list = rowProblems.get(i) ?? [];
    rowProblems.set(i, list);
    return list;
  };
  // Cells are parsed twice rather than kept parsed: parsing is cheap, and a large file's values would weigh.
  const parse = (i: number) => {
    const at = dataRows[i] as number;
    return parseRow(table.rows[at] as string[], positions, table.header.length, at + 2);
  };
  const keys = dataRows.map((at, i) => {
    const { values, problems: cellProblems } = parse(i);
    if (cellProblems.length > 0) problemsOf(i).push(...cellProblems);
    return { row: at + 2, externalRef: trimmedOrNull(values.externalRef), name: trimmedOrNull(values[binding.nameField]) ?? "" };
  });
  const matches = matchRows(keys, existingKeys, binding.entity);
  const reference = binding.reference;
  // New records get their ids when written, unless rows of the same file may refer to them.
  const ids = matches.map((m) => (m.kind === "existing" ? m.id : reference?.withinFile ? uuidv7() : null));
  matches.forEach((m, i) => {
    if (m.kind === "problem") problemsOf(i).push({ row: keys[i]?.row ?? null, column: columnOf([m.field], columns), message: m.message });
  });

  let resolve: ((text: string) => Resolution) | null = null;
  if (reference) {
    const candidates = await reference.load(source, orgId);
    const fromFile = reference.withinFile
      ? keys.flatMap((key, i) => {
          const id = ids[i];
          if (!id || (matches[i] as RowMatch).kind === "problem") return [];
          // A file without a reference column keeps the references the records have.
          const before = byId.get(id);
          const externalRef = key.externalRef ?? (!withRefs && before ? binding.keyOf(before).externalRef : null);
          return [{ id, externalRef, name: key.name }];
        })
      : [];
    resolve = referenceResolver(finalRecords(candidates, fromFile), reference.what);
  }
  const referenceColumn = reference ? (columns.find((c) => c.field === reference.field) as Column) : null;

  // A problem is put on a column the file has where one fits, else on the column it lacks.
  const present = columns.filter((c) => positions.has(c));
  const blame = (path: readonly PropertyKey[]) => columnOf(path, present) ?? columnOf(path, columns);

  const planned: PlannedRow[] = [];
  keys.forEach(({ row }, i) => {
    const rowValues = parse(i).values;
    const id = ids[i] ?? null;
    const before = id ? (byId.get(id) ?? null) : null;
    if (reference && resolve && typeof rowValues[reference.field] === "string") {
      const found = resolve(rowValues[reference.field] as string);
      rowValues[reference.field] = found.ok ? found.id : null;
      if (!found.ok) problemsOf(i).push({ row, column: referenceColumn?.header ?? null, message: found.message });
    }
    // A column the file does not have leaves that field of an existing record as it is.
    const result = binding.schema.safeParse(toInput(before ? { ...binding.valuesOf(before), ...rowValues } : rowValues));
    const found = rowProblems.get(i);
    if (!result.success) {
      const blamed = new Set(found?.map((p) => p.column));
      for (const issue of result.error.issues) {
        const column = blame(issue.path);
        if (!blamed.has(column)) problemsOf(i).push({ row, column, message: issue.message });
      }
    } else if (!found) planned.push({ row, id, before, columns: binding.columnsOf(result.data as Record<string, unknown>) });
  });
  for (const list of rowProblems.values()) problems.push(...list);
  if (binding.check)
    for (const p of await binding.check(source, orgId, scale, planned, existing))
      problems.push({ row: p.row, column: blame(p.field.split(".")), message: p.message });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

  const creates = planned.filter((p) => p.before === null);
  const updates = planned.filter((p) => p.before !== null && !sameColumns(p.columns, p.before));
  const updating = new Set(updates);
  const fingerprint = sha256(
    planned
      .map((p) => (p.before === null ? `${p.row}:create` : `${p.row}:${p.id}:${p.before.version}:${updating.has(p) ? "update" : "same"}`))
      .join("\n"),
  );
  return {
    register,
    rows: dataRows.length,
    creates,
    updates,
    unchanged: planned.length - creates.length - updates.length,
    problems,
    fingerprint,
  };
}

/** The order creates are written in: a record the file also creates and refers to comes first. */
export function creationOrder(binding: RegisterBinding, creates: PlannedRow[]): PlannedRow[] {
  const column = binding.reference?.withinFile ? binding.reference.column : null;
  if (!column) return creates;
  const pending = new Map(creates.map((c) => [c.id, c]));
  const ordered: PlannedRow[] = [];
  const visit = (row: PlannedRow) => {
    if (!pending.delete(row.id)) return;
    const parent = pending.get(row.columns[column] as string);
    if (parent) visit(parent);
    ordered.push(row);
  };
  for (const row of creates) visit(row);
  return ordered;
}
