import { ASSET_KINDS } from "../assets/inventory.js";
import type { ValuationScale } from "../assets/valuation.js";
import { THEMES } from "../gap/reference.js";
import { GAP_STATUSES, MAX_MATURITY } from "../gap/summary.js";
import { TASK_SOURCES, TASK_STATUSES } from "../plan/tasks.js";
import { OBLIGATION_KINDS, PARTY_KINDS } from "../requirements/kinds.js";
import { INTERFACE_DIRECTIONS, KIND_LABELS, SCOPE_ELEMENT_KINDS } from "../scope/data.js";

/**
 * The spreadsheet form of the registers: which columns a file has, how a cell becomes the value
 * of an input field and how a field is written back. Export and import share these lists, so a
 * file the app writes is a file it reads; the templates and the column reference
 * (docs/import-formats.md) are written from them too, so they say what the importer does.
 * Domain rules are not checked here: cells become the same input the API takes, and the API's
 * schemas and checks judge it.
 */
export const IMPORT_REGISTERS = ["scope-elements", "interested-parties", "requirements", "assets", "gap-assessment", "tasks"] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];
/** Registers that are exported but not imported: their records are tied to others. */
export const EXPORT_ONLY_REGISTERS = ["boundary-interfaces", "obligations"] as const;
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
  /** What a cell holds, in words, for the templates and the column reference. */
  type: string;
  /** The values a cell may take, as they may be written; none where any text of the type will do. */
  values: readonly string[];
  /** A choice's label for one of its keys (a key it does not know stays as it is). */
  label?(key: string): string;
}

export interface Column {
  header: string;
  /** The input field the cell fills; the schema's errors on this field are reported on this column. */
  field: string;
  /** Whether a file must have this column. */
  required: boolean;
  cell: CellType;
  /** What the column holds, in a sentence, for the templates and the column reference. */
  description: string;
  /** A value the column could hold. */
  example: string;
  /** Written by the export for people to read; an import ignores it. */
  readOnly: boolean;
}

const ok = (value: unknown): CellResult => ({ ok: true, value });
const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** Free text; a blank cell is "not written" (null), or the empty string where the field must be filled, so the schema says so. */
export const textCell = (required = false): CellType => ({
  parse: (cell) => ok(cell.trim() === "" ? (required ? "" : null) : cell),
  format: asText,
  type: "text",
  values: [],
});

const token = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** A key in words: "business_process" is "Business process". */
const spelled = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replaceAll("_", " ");
/** Keys labelled as they are spelled, where the domain has no labels of its own. */
export const spelledOut = (keys: readonly string[]): Record<string, string> => Object.fromEntries(keys.map((k) => [k, spelled(k)]));

/**
 * One of a fixed set of keys, written as the key ("org_unit") or in words ("Org unit",
 * "organizational unit"). What matches nothing is refused with the values by their labels.
 */
export const choiceCell = (labels: Readonly<Record<string, string>>): CellType => {
  const byLabel = new Map(Object.entries(labels).map(([key, label]) => [token(label), key]));
  return {
    // A label or the stored key, in any case and spacing; anything else is refused naming the labels, not the internal keys.
    parse: (cell) => {
      const word = token(cell);
      if (word === "") return ok(word);
      const key = byLabel.get(word) ?? (Object.hasOwn(labels, word) ? word : undefined);
      if (key !== undefined) return ok(key);
      return { ok: false, message: `must be one of: ${Object.values(labels).join(", ")}` };
    },
    format: asText,
    label: (value) => labels[value] ?? value,
    type: "one of the values",
    values: Object.values(labels),
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
  type: "yes or no",
  values: ["yes", "no"],
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
    const named = levels.length > 0 ? ` or one of ${levels.join(", ")}` : "";
    if (Number.isFinite(number)) {
      // Checked here, not only against the record as a whole, so that it is reported with every other problem of its row.
      if (levels.length > 0 && !(Number.isInteger(number) && number >= 1 && number <= levels.length))
        return { ok: false, message: `must be a level from 1 to ${levels.length}` };
      return ok(number);
    }
    const index = levels.findIndex((label) => label.toLowerCase() === text.toLowerCase());
    if (index >= 0) return ok(index + 1);
    return { ok: false, message: `must be a level number${named}` };
  },
  format: asText,
  type: "level: its number or its label on the organization's valuation scale",
  values: levels.map((label, i) => `${i + 1} (${label})`),
});

/** A whole number in a range; whether it is whole and in range is the schema's business. */
export const numberCell = (min: number, max: number): CellType => ({
  parse: (cell) => {
    const text = cell.trim();
    if (text === "") return ok(null);
    const number = Number(text);
    return Number.isFinite(number) ? ok(number) : { ok: false, message: `must be a number from ${min} to ${max}` };
  },
  format: asText,
  type: "whole number",
  values: [`${min} to ${max}`],
});

/** Another record named by its external reference or its name; the importer resolves it. */
export const referenceCell = (what: string): CellType => ({
  parse: (cell) => ok(cell.trim() === "" ? null : cell.trim()),
  format: asText,
  type: `reference to a ${what}: its external reference, else its name`,
  values: [],
});

/** What separates the references in a list; a reference holding it writes it as `\;` (and a backslash as `\\`). */
export const LIST_SEPARATOR = ";";

const escapeReference = (text: string) => text.replaceAll("\\", "\\\\").replaceAll(LIST_SEPARATOR, `\\${LIST_SEPARATOR}`);

/** The references a list cell holds, trimmed, blanks dropped; `\;` and `\\` stand for themselves, any other backslash is kept. */
export function splitReferences(cell: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i] as string;
    const next = cell[i + 1];
    if (char === "\\" && (next === LIST_SEPARATOR || next === "\\")) {
      current += next;
      i++;
    } else if (char === LIST_SEPARATOR) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Several records named as a reference cell names one, separated by semicolons; a blank cell is an empty list. */
export const referencesCell = (what: string): CellType => ({
  parse: (cell) => ok(splitReferences(cell)),
  format: (value) => (Array.isArray(value) ? value.map((v) => escapeReference(String(v))).join(`${LIST_SEPARATOR} `) : ""),
  type: `references to ${what}s, separated by "${LIST_SEPARATOR}": each one's external reference, else its name`,
  values: [],
});

interface ColumnOptions {
  required?: boolean;
  readOnly?: boolean;
}

const column = (
  header: string,
  field: string,
  cell: CellType,
  description: string,
  example: string,
  options: ColumnOptions = {},
): Column => ({
  header,
  field,
  required: options.required ?? false,
  cell,
  description,
  // A choice's example by its label, as the file is read and written.
  example: cell.label ? cell.label(example) : example,
  readOnly: options.readOnly ?? false,
});

const EXTERNAL_REF = column(
  "External reference",
  "externalRef",
  textCell(),
  "Your own identifier of the record, unique in the register: a row with one updates the record that has it, other rows match by name",
  "INV-0042",
);
const OWNER = (example: string) => column("Owner", "owner", textCell(), "Who is accountable for it", example);
const DESCRIPTION = (example: string) => column("Description", "description", textCell(), "What it is, in a sentence or two", example);

export const SCOPE_ELEMENT_COLUMNS: readonly Column[] = [
  EXTERNAL_REF,
  column(
    "Kind",
    "kind",
    choiceCell(Object.fromEntries(SCOPE_ELEMENT_KINDS.map((k) => [k, KIND_LABELS[k].one]))),
    "What sort of element it is; it decides where the element may sit",
    "site",
    { required: true },
  ),
  column("Name", "name", textCell(true), "The element's name", "Headquarters", { required: true }),
  column("Parent", "parentId", referenceCell("scope element"), "The element it sits in; it may be a row of the same file", "HQ"),
  DESCRIPTION("Main office with the server room"),
  OWNER("Facilities manager"),
  column("In scope", "inScope", yesNoCell, "Whether the element is inside the ISMS scope; blank is yes", "yes"),
  column(
    "Exclusion justification",
    "exclusionJustification",
    textCell(),
    "Why the element is outside the scope; required when In scope is no",
    "Run by the parent company under its own ISMS",
  ),
];

export const INTERESTED_PARTY_COLUMNS: readonly Column[] = [
  column("Name", "name", textCell(true), "The party's name, unique in the register", "Data protection authority", { required: true }),
  column("Kind", "kind", choiceCell(spelledOut(PARTY_KINDS)), "Who the party is", "regulator", { required: true }),
  DESCRIPTION("Supervises the processing of personal data"),
  column(
    "Expectations",
    "expectations",
    textCell(),
    "What the party expects of the organization's information security",
    "Breaches reported within 72 hours",
  ),
];

const levelsOf = (scale: ValuationScale, key: string) => scale.objectives.find((o) => o.key === key)?.levels ?? [];
/** The confidentiality, integrity and availability a requirement or obligation calls for. */
const needsColumns = (scale: ValuationScale) =>
  (["confidentiality", "integrity", "availability"] as const).map((key) =>
    column(key[0]?.toUpperCase() + key.slice(1), key, levelCell(levelsOf(scale, key)), `The ${key} it calls for`, "3"),
  );

export function requirementColumns(scale: ValuationScale): Column[] {
  return [
    EXTERNAL_REF,
    column("Title", "title", textCell(true), "What is required, in a line", "Report personal data breaches", { required: true }),
    column(
      "Interested party",
      "partyId",
      referenceCell("interested party"),
      "The interested party that requires it, by its name",
      "Data protection authority",
      {
        required: true,
      },
    ),
    DESCRIPTION("Within 72 hours of becoming aware of it"),
    column("Source", "source", textCell(), "Where the requirement is written down", "GDPR Art. 33"),
    OWNER("Data protection officer"),
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
    column("Name", "name", textCell(true), "The asset's name", "Payroll data", { required: true }),
    column(
      "Kind",
      "kind",
      choiceCell(spelledOut(ASSET_KINDS)),
      "What sort of asset it is: business processes and information are primary assets, the others supporting assets",
      "information",
      { required: true },
    ),
    DESCRIPTION("Salaries and bank details of all employees"),
    OWNER("Head of HR"),
    column("Custodian", "custodian", textCell(), "Who looks after it day to day", "IT operations"),
    column("Classification", "classification", textCell(), "Its classification under your scheme", "confidential"),
    column("Location", "locationElementId", referenceCell("scope element"), "The scope element it is located in", "HQ"),
  ];
  const taken = new Set(fixed.map((c) => c.header.toLowerCase()));
  // A label that another column already uses gets its key added, so every header stays unique.
  const headerOf = (label: string, key: string) => (taken.has(label.toLowerCase()) ? `${label} (${key})` : label);
  const example = (levels: readonly string[]) => levels.at(-1) ?? "1";
  const own = scale.objectives.map((o) =>
    column(
      headerOf(o.label, o.key),
      `valuation.${o.key}`,
      levelCell(o.levels),
      `The asset's own ${o.label.toLowerCase()} level`,
      example(o.levels),
    ),
  );
  for (const c of own) taken.add(c.header.toLowerCase());
  const overrides = scale.objectives.map((o) =>
    column(
      headerOf(`${o.label} override`, o.key),
      `valuationOverride.${o.key}`,
      levelCell(o.levels),
      `A supporting asset only: the ${o.label.toLowerCase()} level to use instead of the one derived from what it supports`,
      "",
    ),
  );
  return [
    ...fixed,
    ...own,
    ...overrides,
    column(
      "Override reason",
      "overrideReason",
      textCell(),
      "Why a level is overridden; required with an override",
      "Holds the only copy of the ledger",
    ),
    column(
      "Supports",
      "supports",
      referencesCell("primary asset"),
      "A supporting asset only: the primary assets (business processes, information) it supports, which may be rows of the same file; a blank cell removes its links, a file without this column leaves them as they are",
      "Payroll data; PROC-PAY",
    ),
  ];
}

/** Boundary interfaces: their ends named as a reference cell names a scope element (external reference, else name). */
export const BOUNDARY_INTERFACE_COLUMNS: readonly Column[] = [
  column("From element", "fromElementId", referenceCell("scope element"), "The element inside the scope", "SYS-BILL", { required: true }),
  column("To element", "toElementId", referenceCell("scope element"), "The element outside the scope, if it is one", "Partner portal"),
  column("To party", "toParty", textCell(), "The party outside the scope, if it is no element", "Payment provider"),
  column("Data exchanged", "dataExchanged", textCell(true), "What crosses the boundary", "Invoices", { required: true }),
  column("Direction", "direction", choiceCell(spelledOut(INTERFACE_DIRECTIONS)), "Which way the data flows", "outbound", {
    required: true,
  }),
  column("Protection", "protection", textCell(), "How the data is protected on the way", "TLS 1.3"),
];

/** The obligations of phase 1 with what the requirements analysis (7.2) adds to them. */
export function obligationColumns(scale: ValuationScale): Column[] {
  return [
    EXTERNAL_REF,
    column("Title", "title", textCell(true), "The obligation, in a line", "GDPR", { required: true }),
    column("Kind", "kind", choiceCell(spelledOut(OBLIGATION_KINDS)), "What it rests on", "legal", { required: true }),
    column("Source", "source", textCell(), "Where it is written down", "Regulation (EU) 2016/679"),
    column("Jurisdiction", "jurisdiction", textCell(), "Where it applies", "EU"),
    column("Reference", "reference", textCell(), "The article or clause", "Art. 32"),
    OWNER("Data protection officer"),
    column("Notes", "notes", textCell(), "Anything else worth knowing", ""),
    column(
      "Interested party",
      "interestedPartyId",
      referenceCell("interested party"),
      "The party it is owed to",
      "Data protection authority",
    ),
    ...needsColumns(scale),
  ];
}

const GAP_STATUS_LABELS: Record<(typeof GAP_STATUSES)[number], string> = spelledOut(GAP_STATUSES) as never;
const ignored = "; written by the export, ignored on import";

/** Every clause item and Annex A control of the standard, with its assessment. */
export const GAP_ASSESSMENT_COLUMNS: readonly Column[] = [
  column(
    "Item",
    "itemId",
    textCell(true),
    "The clause item or Annex A control as the standard numbers it; a row per item, items left out stay as they are",
    "A.5.1",
    { required: true },
  ),
  column("Kind", "kind", choiceCell(spelledOut(["clause", "control"])), `Clause item or Annex A control${ignored}`, "control", {
    readOnly: true,
  }),
  column("Title", "title", textCell(), `The item's short title${ignored}`, "Policies for information security", { readOnly: true }),
  column("Theme", "theme", choiceCell(spelledOut(THEMES)), `The control's theme${ignored}`, "organizational", { readOnly: true }),
  column("Status", "status", choiceCell(GAP_STATUS_LABELS), "How far the item is implemented today", "partially_implemented", {
    required: true,
  }),
  column("Maturity", "maturity", numberCell(0, MAX_MATURITY), `How mature its implementation is, from 0 (none) to ${MAX_MATURITY}`, "2"),
  column("Evidence", "evidence", textCell(), "What was seen: documents, records, interviews", "Policy draft v0.3"),
  column("Findings", "findings", textCell(), "What is missing or weak", "Not yet approved by management"),
  column("Justification", "justification", textCell(), "Why the item does not apply; required when the status is not_applicable", ""),
  column("Assessed by", "assessedBy", textCell(), `Who assessed it last${ignored}`, "Alex Admin", { readOnly: true }),
  column("Assessed at", "assessedAt", textCell(), `When it was assessed last${ignored}`, "2027-01-15T10:00:00.000Z", { readOnly: true }),
];

/** A number, fractions allowed (effort, cost); whether it is in range is the schema's business. */
export const decimalCell: CellType = {
  parse: (cell) => {
    const text = cell.trim();
    if (text === "") return ok(null);
    const number = Number(text);
    return Number.isFinite(number) ? ok(number) : { ok: false, message: "must be a number (a point for decimals, no thousands separator)" };
  },
  format: asText,
  type: "number",
  values: [],
};

/** Texts separated by semicolons (a task's deliverables); `\;` stands for a semicolon in one of them. */
export const listCell: CellType = {
  parse: (cell) => ok(splitReferences(cell)),
  format: (value) => (Array.isArray(value) ? value.map((v) => escapeReference(String(v))).join(`${LIST_SEPARATOR} `) : ""),
  type: `texts separated by "${LIST_SEPARATOR}"`,
  values: [],
};

/** A choice whose blank cell leaves the field to its default (a new record's) or as it is (an existing one's). */
const optionalChoice = (labels: Readonly<Record<string, string>>): CellType => {
  const inner = choiceCell(labels);
  return { ...inner, parse: (cell) => (cell.trim() === "" ? ok(undefined) : inner.parse(cell)) };
};

/** The most working days a predecessor's lag may be (as the task API allows). */
export const MAX_LAG_DAYS = 365;
const PREDECESSOR = /^(.*?)(?:\s*\+\s*(\d+)\s*d?)?$/i;

/**
 * One predecessor of a task as a cell writes it: the task's reference (or, for a task of the same
 * file without one, its title), then optionally `+<n>d`, a lag of n working days: `T-0003+2d`.
 */
export function parsePredecessor(text: string): { reference: string; lagDays: number } | { message: string } {
  const match = PREDECESSOR.exec(text.trim()) as RegExpExecArray;
  const reference = (match[1] ?? "").trim();
  if (reference === "") return { message: `"${text}": names no task` };
  if (match[2] === undefined && /\+\s*[^+\s]+$/.test(reference))
    return { message: `"${text}": a lag is written as + and a number of working days, e.g. +2d` };
  const lagDays = match[2] === undefined ? 0 : Number(match[2]);
  if (lagDays > MAX_LAG_DAYS) return { message: `"${text}": the lag must be at most ${MAX_LAG_DAYS} working days` };
  return { reference, lagDays };
}

export const formatPredecessor = (reference: string, lagDays: number) => (lagDays > 0 ? `${reference}+${lagDays}d` : reference);

/** A task's predecessors: `T-0002; T-0003+2d`. */
export const predecessorsCell: CellType = {
  // Each item's form is checked with the task it names (server/imports/links), so that every problem of a list is reported.
  parse: (cell) => ok(splitReferences(cell)),
  format: (value) => (Array.isArray(value) ? value.map((v) => escapeReference(String(v))).join(`${LIST_SEPARATOR} `) : ""),
  type: `tasks that must finish first, separated by "${LIST_SEPARATOR}": each one's reference (T-0002), or the title of a new task of the same file, optionally followed by a lag of working days (+2d)`,
  values: [],
};

const TASK_STATUS_LABELS: Record<string, string> = spelledOut(TASK_STATUSES);
const scheduled = "; written by the plan export from the schedule, ignored on import";

/**
 * Implementation tasks (the plan, 9.3 and 9.5). The plan's XLSX export writes exactly these
 * columns on its first sheet, the schedule's included, so it imports back.
 */
export const TASK_COLUMNS: readonly Column[] = [
  column(
    "Ref",
    "externalRef",
    textCell(),
    "The task's reference (T-0001): a row with one updates that task; leave it blank for a new task, which gets the next reference",
    "T-0001",
  ),
  column("Title", "title", textCell(true), "What is to be done, in a line", "Write the access control policy", { required: true }),
  DESCRIPTION("Draft, review with IT and HR, submit for approval"),
  column(
    "Source",
    "source",
    optionalChoice(spelledOut(TASK_SOURCES)),
    "Where the work comes from; blank is other (or, for an existing task, as it is)",
    "control",
  ),
  column(
    "Source reference",
    "sourceId",
    textCell(),
    "The control it implements (its SoA reference, A.5.15) for a control task; the milestone's or risk's id for those",
    "A.5.15",
  ),
  column(
    "Owner",
    "ownerUserId",
    referenceCell("member"),
    "The member responsible for it, by e-mail address (or display name)",
    "pat@example.com",
  ),
  column("Effort (person-days)", "effortDays", decimalCell, "The work it takes, in person-days", "3"),
  column("Cost", "cost", decimalCell, "What it costs besides the effort, in the organization's currency", "1500"),
  column("Planned start", "startDate", textCell(), "The day it may start at the earliest, YYYY-MM-DD", "2027-03-01"),
  column("Due", "dueDate", textCell(), "The day it must be done by, YYYY-MM-DD", "2027-03-31"),
  column("Milestone", "milestone", yesNoCell, "Whether it is a milestone (takes no time); blank is no", "no"),
  column(
    "Status",
    "status",
    optionalChoice(TASK_STATUS_LABELS),
    "How far it is; blank is planned (or, for an existing task, as it is)",
    "planned",
  ),
  column(
    "Predecessors",
    "predecessors",
    predecessorsCell,
    "Finish-to-start dependencies: the tasks that must finish first, which may be rows of the same file, each optionally with a lag in working days; a blank cell removes them, a file without this column leaves them as they are; a cycle refuses the file",
    "T-0002; T-0003+2d",
  ),
  column("Deliverables", "deliverables", listCell, "What the task produces", "Access control policy; Access review records"),
  column("Duration (working days)", "duration", textCell(), `How long it takes${scheduled}`, "3", { readOnly: true }),
  column("Early start", "earlyStart", textCell(), `The earliest day it can start${scheduled}`, "2027-03-01", { readOnly: true }),
  column("Early finish", "earlyFinish", textCell(), `The earliest day it can finish${scheduled}`, "2027-03-03", { readOnly: true }),
  column("Late start", "lateStart", textCell(), `The latest day it can start without delaying the plan${scheduled}`, "2027-03-05", {
    readOnly: true,
  }),
  column("Late finish", "lateFinish", textCell(), `The latest day it can finish without delaying the plan${scheduled}`, "2027-03-09", {
    readOnly: true,
  }),
  column("Slack (working days)", "slack", textCell(), `How far it may slip${scheduled}`, "4", { readOnly: true }),
  column("Critical", "critical", yesNoCell, `Whether it is on the critical path${scheduled}`, "no", { readOnly: true }),
];

/** The columns an export writes: for an importable register, exactly those its import takes. */
export function exportColumns(register: ExportRegister, scale: ValuationScale): readonly Column[] {
  switch (register) {
    case "boundary-interfaces":
      return BOUNDARY_INTERFACE_COLUMNS;
    case "obligations":
      return obligationColumns(scale);
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
    case "gap-assessment":
      return GAP_ASSESSMENT_COLUMNS;
    case "tasks":
      return TASK_COLUMNS;
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
    if (col.readOnly) continue;
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
