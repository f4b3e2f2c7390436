import type { ValuationScale } from "../assets/valuation.js";
import { KIND_LABELS, SCOPE_ELEMENT_KINDS } from "../scope/data.js";

/**
 * The spreadsheet form of the registers: which columns a file has, how a cell becomes the value
 * of an input field and how a field is written back. Export and import share these lists, so a
 * file the app writes is a file it reads. Domain rules are not checked here: cells become the
 * same input the API takes, and the API's schemas and checks judge it.
 */
export const IMPORT_REGISTERS = ["scope-elements", "interested-parties", "requirements", "assets"] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];
/** Registers that are exported but not imported: their records are tied to others, or (the gap assessment) to the standard. */
export const EXPORT_ONLY_REGISTERS = ["boundary-interfaces", "obligations", "gap-assessment"] as const;
export const EXPORT_REGISTERS = [...IMPORT_REGISTERS, ...EXPORT_ONLY_REGISTERS] as const;
export type ExportRegister = (typeof EXPORT_REGISTERS)[number];
export const isImportRegister = (register: ExportRegister): register is ImportRegister =>
  (IMPORT_REGISTERS as readonly string[]).includes(register);

/** A row's field values, keyed by input field; a valuation level is keyed `valuation.<objective>`. */
export type RowValues = Record<string, unknown>;

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface CellType {
  /** The value for the input field; `undefined` leaves the field to the schema's default. */
  parse(cell: string): CellResult;
  format(value: unknown): string;
}

export interface Column {
  header: string;
  /** The input field the cell fills; the schema's errors on this field are reported on this column. */
  field: string;
  /** Whether a file must have this column. */
  required: boolean;
  cell: CellType;
}

const ok = (value: unknown): CellResult => ({ ok: true, value });
const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** Free text; a blank cell is "not written" (null), or the empty string where the field must be filled, so the schema says so. */
export const textCell = (required = false): CellType => ({
  parse: (cell) => ok(cell.trim() === "" ? (required ? "" : null) : cell),
  format: asText,
});

const token = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * One of a fixed set of keys, written as the key ("org_unit") or in words ("Org unit",
 * "organizational unit"). What matches nothing goes to the schema as typed, to be refused there.
 */
export const choiceCell = (labels: Readonly<Record<string, string>> = {}): CellType => {
  const byLabel = new Map(Object.entries(labels).map(([key, label]) => [token(label), key]));
  return {
    parse: (cell) => ok(byLabel.get(token(cell)) ?? token(cell)),
    format: asText,
  };
};

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/** Yes or no; blank leaves the field to its default. */
export const yesNoCell: CellType = {
  parse: (cell) => {
    const word = cell.trim().toLowerCase();
    if (word === "") return ok(undefined);
    if (YES.has(word)) return ok(true);
    if (NO.has(word)) return ok(false);
    return { ok: false, message: "must be yes or no" };
  },
  format: (value) => (value === true ? "yes" : value === false ? "no" : ""),
};

/**
 * A level of a security objective: its number, or its label on the organization's scale
 * ("High"). Whether the number is on the scale is the schema's and the scale's business.
 */
export const levelCell = (levels: readonly string[] = []): CellType => ({
  parse: (cell) => {
    const text = cell.trim();
    if (text === "") return ok(null);
    const number = Number(text);
    if (Number.isFinite(number)) return ok(number);
    const index = levels.findIndex((label) => label.toLowerCase() === text.toLowerCase());
    if (index >= 0) return ok(index + 1);
    const named = levels.length > 0 ? ` or one of ${levels.join(", ")}` : "";
    return { ok: false, message: `must be a level number${named}` };
  },
  format: asText,
});

/** Another record named by its external reference or its name; the importer resolves it. */
export const referenceCell: CellType = {
  parse: (cell) => ok(cell.trim() === "" ? null : cell.trim()),
  format: asText,
};

const column = (header: string, field: string, cell: CellType, required = false): Column => ({ header, field, required, cell });

const EXTERNAL_REF = column("External reference", "externalRef", textCell());

export const SCOPE_ELEMENT_COLUMNS: readonly Column[] = [
  EXTERNAL_REF,
  column("Kind", "kind", choiceCell(Object.fromEntries(SCOPE_ELEMENT_KINDS.map((k) => [k, KIND_LABELS[k].one]))), true),
  column("Name", "name", textCell(true), true),
  column("Parent", "parentId", referenceCell),
  column("Description", "description", textCell()),
  column("Owner", "owner", textCell()),
  column("In scope", "inScope", yesNoCell),
  column("Exclusion justification", "exclusionJustification", textCell()),
];

export const INTERESTED_PARTY_COLUMNS: readonly Column[] = [
  column("Name", "name", textCell(true), true),
  column("Kind", "kind", choiceCell(), true),
  column("Description", "description", textCell()),
  column("Expectations", "expectations", textCell()),
];

const levelsOf = (scale: ValuationScale, key: string) => scale.objectives.find((o) => o.key === key)?.levels ?? [];
/** The confidentiality, integrity and availability a requirement or obligation calls for. */
const needsColumns = (scale: ValuationScale) =>
  (["confidentiality", "integrity", "availability"] as const).map((key) =>
    column(key[0]?.toUpperCase() + key.slice(1), key, levelCell(levelsOf(scale, key))),
  );

export function requirementColumns(scale: ValuationScale): Column[] {
  return [
    EXTERNAL_REF,
    column("Title", "title", textCell(true), true),
    column("Interested party", "partyId", referenceCell, true),
    column("Description", "description", textCell()),
    column("Source", "source", textCell()),
    column("Owner", "owner", textCell()),
    ...needsColumns(scale),
  ];
}

/**
 * The asset inventory's columns follow the organization's valuation scale: one column per
 * security objective for the asset's own level and one for an override.
 */
export function assetColumns(scale: ValuationScale): Column[] {
  const fixed = [
    EXTERNAL_REF,
    column("Name", "name", textCell(true), true),
    column("Kind", "kind", choiceCell(), true),
    column("Description", "description", textCell()),
    column("Owner", "owner", textCell()),
    column("Custodian", "custodian", textCell()),
    column("Classification", "classification", textCell()),
    column("Location", "locationElementId", referenceCell),
  ];
  const taken = new Set(fixed.map((c) => c.header.toLowerCase()));
  // A label that another column already uses gets its key added, so every header stays unique.
  const headerOf = (label: string, key: string) => (taken.has(label.toLowerCase()) ? `${label} (${key})` : label);
  const own = scale.objectives.map((o) => column(headerOf(o.label, o.key), `valuation.${o.key}`, levelCell(o.levels)));
  for (const c of own) taken.add(c.header.toLowerCase());
  const overrides = scale.objectives.map((o) =>
    column(headerOf(`${o.label} override`, o.key), `valuationOverride.${o.key}`, levelCell(o.levels)),
  );
  return [...fixed, ...own, ...overrides, column("Override reason", "overrideReason", textCell())];
}

/** Boundary interfaces: their ends named as a reference cell names a scope element (external reference, else name). */
export const BOUNDARY_INTERFACE_COLUMNS: readonly Column[] = [
  column("From element", "fromElementId", referenceCell, true),
  column("To element", "toElementId", referenceCell),
  column("To party", "toParty", textCell()),
  column("Data exchanged", "dataExchanged", textCell(true), true),
  column("Direction", "direction", choiceCell(), true),
  column("Protection", "protection", textCell()),
];

/** The obligations of phase 1 with what the requirements analysis (7.2) adds to them. */
export function obligationColumns(scale: ValuationScale): Column[] {
  return [
    EXTERNAL_REF,
    column("Title", "title", textCell(true), true),
    column("Kind", "kind", choiceCell(), true),
    column("Source", "source", textCell()),
    column("Jurisdiction", "jurisdiction", textCell()),
    column("Reference", "reference", textCell()),
    column("Owner", "owner", textCell()),
    column("Notes", "notes", textCell()),
    column("Interested party", "interestedPartyId", referenceCell),
    ...needsColumns(scale),
  ];
}

/** Every clause item and Annex A control of the standard, with its assessment. */
export const GAP_ASSESSMENT_COLUMNS: readonly Column[] = [
  column("Item", "itemId", textCell(true), true),
  column("Kind", "kind", choiceCell(), true),
  column("Title", "title", textCell()),
  column("Theme", "theme", choiceCell()),
  column("Status", "status", choiceCell(), true),
  column("Maturity", "maturity", levelCell()),
  column("Evidence", "evidence", textCell()),
  column("Findings", "findings", textCell()),
  column("Justification", "justification", textCell()),
  column("Assessed by", "assessedBy", textCell()),
  column("Assessed at", "assessedAt", textCell()),
];

/** The columns an export writes: for an importable register, exactly those its import takes. */
export function exportColumns(register: ExportRegister, scale: ValuationScale): readonly Column[] {
  switch (register) {
    case "boundary-interfaces":
      return BOUNDARY_INTERFACE_COLUMNS;
    case "obligations":
      return obligationColumns(scale);
    case "gap-assessment":
      return GAP_ASSESSMENT_COLUMNS;
    default:
      return importColumns(register, scale);
  }
}

export function importColumns(register: ImportRegister, scale: ValuationScale): readonly Column[] {
  switch (register) {
    case "scope-elements":
      return SCOPE_ELEMENT_COLUMNS;
    case "interested-parties":
      return INTERESTED_PARTY_COLUMNS;
    case "requirements":
      return requirementColumns(scale);
    case "assets":
      return assetColumns(scale);
  }
}

/** A problem in the file: `row` is the spreadsheet's row number (the header is row 1), null for the file as a whole. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export const HEADER_ROW = 1;

/**
 * Which column of the file feeds which column definition. Headers match ignoring case and
 * surrounding spaces; a column with neither header nor values (a spreadsheet's trailing
 * columns) is ignored.
 */
export function mapHeaders(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  columns: readonly Column[],
): { positions: Map<Column, number>; problems: ImportProblem[] } {
  const byHeader = new Map(columns.map((c) => [c.header.toLowerCase(), c]));
  const positions = new Map<Column, number>();
  const problems: ImportProblem[] = [];
  const unknown: string[] = [];
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (header === "") {
      if (rows.some((r) => (r[index] ?? "").trim() !== ""))
        problems.push({ row: HEADER_ROW, column: null, message: `column ${index + 1} has values but no header` });
      return;
    }
    const found = byHeader.get(header.toLowerCase());
    if (!found) unknown.push(header);
    else if (positions.has(found)) problems.push({ row: HEADER_ROW, column: found.header, message: "appears twice in the header" });
    else positions.set(found, index);
  });
  const expected = `the columns are: ${columns.map((c) => c.header).join(", ")}`;
  if (unknown.length > 0)
    problems.push({ row: HEADER_ROW, column: null, message: `unknown column(s): ${unknown.join(", ")}; ${expected}` });
  const missing = columns.filter((c) => c.required && !positions.has(c)).map((c) => c.header);
  if (missing.length > 0) problems.push({ row: HEADER_ROW, column: null, message: `missing required column(s): ${missing.join(", ")}` });
  return { positions, problems };
}

export const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

/**
 * One row's cells as field values, with a problem per cell that is not even of the right form.
 * NUL is refused as the API's input guard refuses it: PostgreSQL cannot store it.
 */
export function parseRow(
  cells: readonly string[],
  positions: ReadonlyMap<Column, number>,
  width: number,
  row: number,
): { values: RowValues; problems: ImportProblem[] } {
  const values: RowValues = {};
  const problems: ImportProblem[] = [];
  if (cells.slice(width).some((c) => c.trim() !== ""))
    problems.push({ row, column: null, message: `the row has ${cells.length} cells but the header names ${width} columns` });
  for (const [col, index] of positions) {
    const cell = cells[index] ?? "";
    if (cell.includes("\u0000")) {
      problems.push({ row, column: col.header, message: "must not contain a NUL character" });
      continue;
    }
    const result = col.cell.parse(cell);
    if (result.ok) {
      if (result.value !== undefined) values[col.field] = result.value;
    } else problems.push({ row, column: col.header, message: result.message });
  }
  return { values, problems };
}

export const formatRow = (values: RowValues, columns: readonly Column[]): string[] => columns.map((c) => c.cell.format(values[c.field]));

/**
 * The column to blame for a schema error at `path`: the column of that exact field, else the
 * first column of the object the path starts with (a refinement on `valuationOverride`), else
 * none (the row as a whole).
 */
export function columnOf(path: readonly PropertyKey[], columns: readonly Column[]): string | null {
  const field = path.map(String).join(".");
  const top = String(path[0] ?? "");
  const found =
    columns.find((c) => c.field === field) ?? columns.find((c) => c.field === top) ?? columns.find((c) => c.field.startsWith(`${top}.`));
  return found?.header ?? null;
}

/**
 * Field values nested as the input schemas take them: `valuation.confidentiality` into a
 * `valuation` object, levels not given left out.
 */
export function toInput(values: RowValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    const dot = field.indexOf(".");
    if (dot < 0) {
      input[field] = value;
      continue;
    }
    const group = field.slice(0, dot);
    const nested = (input[group] ?? {}) as Record<string, unknown>;
    input[group] = nested;
    if (value !== null && value !== undefined) nested[field.slice(dot + 1)] = value;
  }
  return input;
}
