import type { Kysely } from "kysely";
import type { z } from "zod";
import type { ValuationScale } from "../../core/assets/valuation.js";
import type { ImportRegister, RowValues } from "../../core/imports/columns.js";
import type { KeyedRecord } from "../../core/imports/matching.js";
import { reader, type WriteContext } from "../db/audited.js";
import type { Db } from "../db/database.js";
import type { nextNumber } from "../db/numbering.js";
import type { AuditedTable } from "../db/schema.js";
import type { LinkBinding, PlannedLinks } from "./links.js";

/**
 * How an importable register is read, checked and written. Each area declares its registers'
 * bindings in its manifest (`imports`, from `<module>/import-binding.ts`). Rows are validated
 * with the API's own input schemas; a binding's checker runs the same checks the register's
 * repository makes on a write (one function for both), for a whole file at once against the
 * state the import would leave.
 */
export type Source = Db | WriteContext;
export type Stored = Record<string, unknown> & { id: string; version: number };
/** An importable register's table: any audited table of an organization's records (with `org_id`, `version`). */
export type ImportTable = AuditedTable;

/** A row the schema accepted: the record it writes and the columns it would store. */
export interface PlannedRow {
  row: number;
  /** The record's id; null for a new record that gets its id when written. */
  id: string | null;
  before: Stored | null;
  columns: Record<string, unknown>;
  /** The links a file with the register's link column sets; none without the column. */
  links?: PlannedLinks;
}

export interface FieldProblem {
  row: number;
  field: string;
  message: string;
}

/** A column that names another record; the cell holds its external reference or name. */
export interface Reference {
  field: string;
  /** The table column that stores the referenced id. */
  column: string;
  what: string;
  load(source: Source, orgId: string): Promise<KeyedRecord[]>;
  /** The register refers to itself, so the file's own rows are candidates too. */
  withinFile: boolean;
}

export interface RegisterBinding {
  register: ImportRegister;
  table: ImportTable;
  /** The entity type of the audit events, as the register's own routes write it. */
  entity: string;
  /** The sheet's and the exported file's name. */
  title: string;
  /** The input field naming the record, when it has no external reference. */
  nameField: "name" | "title" | "itemId";
  /**
   * The input field that identifies a record in a file, in place of the external reference
   * (the gap assessment's item number); what the messages call it.
   */
  key?: { field: string; what: string };
  schema: z.ZodType;
  reference?: Reference;
  /** A column listing other records of the register the record links to (an asset's "Supports"). */
  links?: LinkBinding;
  /** The table columns keyOf reads: all that is loaded of every record to match rows to them. */
  keyColumns: readonly string[];
  keyOf(row: Stored): KeyedRecord;
  /** The stored record as input field values (references as ids): what an export writes and what a partial file leaves. */
  valuesOf(row: Stored): RowValues;
  /** The table columns the validated input stores. */
  columnsOf(input: Record<string, unknown>): Record<string, unknown>;
  /** The repository's checks against the database, made ready once per plan and then run on planned rows a chunk at a time. */
  checker?(source: Source, orgId: string, scale: ValuationScale): Promise<(planned: PlannedRow[]) => Promise<FieldProblem[]>>;
  /** The checks need the whole file at once (and its rows are written after them): a tree. */
  wholeFile?: boolean;
  /** Columns a write sets besides the row's (who assessed and when); they do not make a row changed. */
  stamp?(ctx: WriteContext): Record<string, unknown>;
  /** A numbered register (T-0001): each new record takes the next number, taken before the commit's audited writes. */
  numbered?: { table: Parameters<typeof nextNumber>[1]; columns(n: number): Record<string, unknown> };
  /** A row for a record not stored yet that says only what no record means (an item not assessed): it writes nothing. */
  isDefault?(columns: Record<string, unknown>): boolean;
}

/** The stored record's columns as input fields: `{ field: column }`. */
export const pick = (row: Stored, columns: Record<string, string>): RowValues =>
  Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, row[c]])) as RowValues;

/** The register's records in creation order, a page at a time (keyset on the id, which is time-ordered). */
export async function loadRecords(
  source: Source,
  binding: RegisterBinding,
  orgId: string,
  page?: { after: string | null; limit: number },
): Promise<Stored[]> {
  // biome-ignore lint/suspicious/noExplicitAny: the register's table is chosen at run time
  let query = (reader(source) as Kysely<any>).selectFrom(binding.table).selectAll().where("org_id", "=", orgId);
  if (page?.after) query = query.where("id", ">", page.after);
  if (page) query = query.limit(page.limit);
  return (await query.orderBy("id").execute()) as unknown as Stored[];
}
