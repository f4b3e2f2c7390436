import { createHash } from "node:crypto";
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
import { type KeyedRecord, type Resolution, referenceResolver, rowMatcher } from "../../core/imports/matching.js";
import { reader } from "../db/audited.js";
import { readScale } from "../modules/assets/index.js";
import { breathe } from "../workers/breathe.js";
import type { PlannedRow, RegisterBinding, Source, Stored } from "./binding.js";
import { type Table, UnreadableFile } from "./file-format.js";
import { linksChanged, planLinks } from "./links.js";
import { bindingOf } from "./registers.js";

/** What importing a file would do, decided against the database as it is now. */
export interface Plan {
  register: ImportRegister;
  /** Data rows in the file, blank rows not counted. */
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  /** Every problem, by row; any problem means nothing may be written. */
  problems: ImportProblem[];
  /** The record and version each row was matched to: a commit that would match differently is refused. */
  fingerprint: string;
}

/** A row that changes its record: what the commit writes. */
export type PlannedWrite = PlannedRow & { action: "create" | "update" };
/** Receives the writes in batches, while the file is planned, as long as no problem has been found. */
export type WriteSink = (batch: PlannedWrite[]) => Promise<void>;

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

/**
 * The stored records, whole, of these ids: loaded a chunk of the file at a time rather than the
 * register at once. Looked up by primary key alone (with the organization in the condition,
 * SQLite walks an organization index instead, through every record of the register for each
 * chunk); the ids are the organization's own, and the organization is checked here all the same.
 */
async function recordsById(source: Source, binding: RegisterBinding, orgId: string, ids: string[]): Promise<Map<string, Stored>> {
  if (ids.length === 0) return new Map();
  const rows = (await reader(source).selectFrom(binding.table).selectAll().where("id", "in", ids).execute()) as (Stored & {
    org_id: string;
  })[];
  return new Map(rows.filter((r) => r.org_id === orgId).map((r) => [r.id, r]));
}

/**
 * Plans a file in two passes over its rows, so that only compact data per row is ever held:
 * the first reads each row's key (external reference and name) to match rows to records; the
 * second parses and validates the rows a chunk at a time, checks them and hands what they write
 * to `write` (the commit), or only counts them (the preview). A register whose checks need the
 * whole file (`wholeFile`: the scope's tree) keeps its planned rows to the end.
 */
export async function planImport(source: Source, orgId: string, register: ImportRegister, table: Table, write?: WriteSink): Promise<Plan> {
  const binding = await bindingOf(register);
  const scale = await readScale(source, orgId);
  const columns = importColumns(register, scale);
  const { positions } = mapHeaders(table.header, [], columns);
  const width = table.header.length;
  const fileProblem = (error: unknown): Plan => {
    if (!(error instanceof UnreadableFile)) throw error;
    return {
      register,
      rows: 0,
      creates: 0,
      updates: 0,
      unchanged: 0,
      problems: [{ row: null, column: null, message: error.message }],
      fingerprint: "",
    };
  };

  // Pass 1: the key of each row that is not blank.
  const keyField = binding.key?.field ?? "externalRef";
  const withRefs = [...positions.keys()].some((c) => c.field === keyField);
  const unnamed = table.header.flatMap((h, i) => (h.trim() === "" ? [i] : []));
  const filled = new Set<number>();
  const keys: { row: number; externalRef: string | null; name: string; kind: string | null }[] = [];
  const rowProblems = new Map<number, ImportProblem[]>();
  const problemsOf = (row: number) => {
    const list = rowProblems.get(row) ?? [];
    rowProblems.set(row, list);
    return list;
  };
  try {
    for await (const chunk of table.rows())
      for (const { row, cells } of chunk) {
        await breathe();
        for (const i of unnamed) if ((cells[i] ?? "").trim() !== "") filled.add(i);
        if (isBlankRow(cells)) continue;
        const { values, problems: cellProblems } = parseRow(cells, positions, width, row);
        if (cellProblems.length > 0) problemsOf(row).push(...cellProblems);
        keys.push({
          row,
          externalRef: trimmedOrNull(values[keyField]),
          name: trimmedOrNull(values[binding.nameField]) ?? "",
          // What the link rule reads of the rows a link may point to.
          kind: binding.links && typeof values.kind === "string" ? values.kind : null,
        });
      }
  } catch (error) {
    return fileProblem(error);
  }
  // One row standing for the file: a column without a header is filled where any row fills it.
  const { problems } = mapHeaders(table.header, [table.header.map((_, i) => (filled.has(i) ? "x" : ""))], columns);
  const empty = { register, rows: keys.length, creates: 0, updates: 0, unchanged: 0 };
  if (problems.length > 0) return { ...empty, problems, fingerprint: "" };

  // Matching needs only the records' keys; whole records are read for the rows that match them.
  const existingKeys = (await reader(source)
    .selectFrom(binding.table)
    .select(binding.keyColumns as never)
    .where("org_id", "=", orgId)
    .execute()) as Stored[];
  await breathe();
  const keyById = new Map(existingKeys.map((r) => [r.id, binding.keyOf(r)]));
  await breathe();
  // Without an external reference column the file cannot say which records it means by one, so names decide.
  const reference = binding.reference;
  // Ids by row: existing records', and new records' where rows of the same file may refer to them.
  const ids = new Map<number, string>();
  const match = rowMatcher(
    [...keyById.values()].map((k) => (withRefs ? k : { ...k, externalRef: null })),
    binding.entity,
    binding.key?.what,
  );
  for (const key of keys) {
    await breathe();
    const m = match(key);
    const { row } = key;
    if (m.kind === "problem")
      problemsOf(row).push({ row, column: columnOf([m.field === "externalRef" ? keyField : m.field], columns), message: m.message });
    else if (m.kind === "existing") ids.set(row, m.id);
    // A numbered register gives new records their references itself.
    else if (binding.numbered && withRefs && key.externalRef !== null)
      problemsOf(row).push({
        row,
        column: columnOf([keyField], columns),
        message: `no ${binding.entity} has the reference "${key.externalRef}"; leave it blank for a new one, which gets the next reference`,
      });
    else if (reference?.withinFile || binding.links) ids.set(row, uuidv7());
  }

  /** The file's rows as records of the register, as a reference to one of them finds it. */
  const fileRecords = () =>
    keys.flatMap((key) => {
      const id = ids.get(key.row);
      if (!id) return [];
      // A file without a reference column keeps the references the records have.
      const externalRef = key.externalRef ?? (!withRefs ? (keyById.get(id)?.externalRef ?? null) : null);
      return [{ id, externalRef, name: key.name, kind: key.kind }];
    });
  await breathe();
  let resolve: ((text: string) => Resolution) | null = null;
  if (reference) {
    const candidates = await reference.load(source, orgId);
    resolve = referenceResolver(finalRecords(candidates, reference.withinFile ? fileRecords() : []), reference.what);
  }
  const referenceColumn = reference ? (columns.find((c) => c.field === reference.field) as Column) : null;
  const links = binding.links;
  const linker = links
    ? await (async () => {
        const rows = fileRecords();
        return planLinks(source, orgId, links, {
          present: [...positions.keys()].some((c) => c.field === links.field),
          existing: existingKeys.map((r) => ({ ...(keyById.get(r.id) as KeyedRecord), kind: r.kind as string })),
          rows,
          candidates: finalRecords([...keyById.values()], rows),
        });
      })()
    : null;
  keys.length = 0;
  await breathe();

  // A problem is put on a column the file has where one fits, else on the column it lacks.
  const present = columns.filter((c) => positions.has(c));
  const blame = (path: readonly PropertyKey[]) => columnOf(path, present) ?? columnOf(path, columns);
  const check = binding.checker ? await binding.checker(source, orgId, scale) : null;

  // Pass 2: parse, validate and check a chunk at a time.
  const fingerprint = createHash("sha256");
  let planned = 0;
  let creates = 0;
  let updates = 0;
  let problemCount = rowProblems.size;
  const kept: PlannedRow[] = [];
  const accept = async (batch: PlannedRow[], final: boolean) => {
    if (check && !(binding.wholeFile && !final))
      for (const p of await check(batch)) problemsOf(p.row).push({ row: p.row, column: blame(p.field.split(".")), message: p.message });
    problemCount = rowProblems.size;
    if (binding.wholeFile && !final) return;
    const writes: PlannedWrite[] = [];
    for (const p of batch) {
      await breathe();
      const action =
        p.before === null
          ? binding.isDefault?.(p.columns)
            ? null
            : "create"
          : sameColumns(p.columns, p.before) && !linksChanged(p.links)
            ? null
            : "update";
      fingerprint.update(
        `${planned === 0 ? "" : "\n"}${p.before === null ? `${p.row}:${action ?? "same"}` : `${p.row}:${p.id}:${p.before.version}:${action ?? "same"}`}`,
      );
      planned++;
      if (action === "create") creates++;
      if (action === "update") updates++;
      if (action) writes.push({ ...p, action });
    }
    if (write && problemCount === 0 && writes.length > 0) await write(writes);
  };
  try {
    for await (const chunk of table.rows()) {
      const rows = chunk.filter(({ cells }) => !isBlankRow(cells));
      const befores = await recordsById(
        source,
        binding,
        orgId,
        rows.flatMap(({ row }) => {
          const id = ids.get(row);
          return id && keyById.has(id) ? [id] : [];
        }),
      );
      const batch: PlannedRow[] = [];
      for (const { row, cells } of rows) {
        await breathe();
        const rowValues = parseRow(cells, positions, width, row).values;
        const id = ids.get(row) ?? null;
        const before = id ? (befores.get(id) ?? null) : null;
        if (reference && resolve && typeof rowValues[reference.field] === "string") {
          const found = resolve(rowValues[reference.field] as string);
          rowValues[reference.field] = found.ok ? found.id : null;
          if (!found.ok) problemsOf(row).push({ row, column: referenceColumn?.header ?? null, message: found.message });
        }
        const list = linker?.take(rowValues);
        // A column the file does not have leaves that field of an existing record as it is.
        const result = binding.schema.safeParse(toInput(before ? { ...binding.valuesOf(before), ...rowValues } : rowValues));
        const found = rowProblems.get(row);
        if (!result.success) {
          const blamed = new Set(found?.map((p) => p.column));
          for (const issue of result.error.issues) {
            const column = blame(issue.path);
            if (!blamed.has(column)) problemsOf(row).push({ row, column, message: issue.message });
          }
          for (const problem of linker?.unresolved(row, list) ?? [])
            problemsOf(row).push({ row, column: blame(problem.field.split(".")), message: problem.message });
        } else {
          const p: PlannedRow = { row, id, before, columns: binding.columnsOf(result.data as Record<string, unknown>) };
          if (linker) {
            const planned = linker.plan(p, list);
            p.links = planned.links;
            for (const problem of planned.problems)
              problemsOf(row).push({ row, column: blame(problem.field.split(".")), message: problem.message });
          }
          if (!rowProblems.has(row)) {
            if (binding.wholeFile) kept.push(p);
            else batch.push(p);
          }
        }
      }
      await accept(batch, false);
    }
  } catch (error) {
    return fileProblem(error);
  }
  // New records first, a parent before what it holds, so that updates may refer to them too.
  if (binding.wholeFile)
    await accept(
      [
        ...creationOrder(
          binding,
          kept.filter((p) => p.before === null),
        ),
        ...kept.filter((p) => p.before !== null),
      ],
      true,
    );

  for (const list of rowProblems.values()) problems.push(...list);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    ...empty,
    creates,
    updates,
    unchanged: planned - creates - updates,
    problems,
    fingerprint: problems.length > 0 ? "" : fingerprint.digest("hex"),
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
