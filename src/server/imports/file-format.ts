import { isUtf8 } from "node:buffer";
import { PassThrough, Readable } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { FileFormat } from "../../contracts/imports.js";
import { loadConfig } from "../config.js";
import { badRequest, HttpProblem } from "../http/errors.js";
import { type InputLimits, inputLimits, limitExceeded } from "../http/limits.js";
import { breathe } from "../workers/breathe.js";
import { type Table, type TableRow, UnreadableFile } from "./table.js";
import { openWorkbook } from "./xlsx.js";

/**
 * The one module that knows the file formats: CSV through csv-parse and csv-stringify, XLSX
 * read by ./xlsx.ts and written through ExcelJS. Everything else sees a table of text cells.
 * Reading is bounded by the upload limits (src/server/http/limits.ts) as it goes: a file past
 * one is refused with the limit's 4xx before what is past it is allocated.
 */
export { type Table, type TableRow, UnreadableFile } from "./table.js";

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A spreadsheet program runs a line of a CSV cell that starts with one of these as a formula (a
 * cell holding line breaks spreads over lines, and some programs read each as a row). Exports
 * write such a line with a leading apostrophe (which those programs hide), at the start of the
 * cell and after every line break in it; imports take one apostrophe off again in the same
 * places, so the text survives the round trip. At the very start of a cell a carriage return
 * counts too.
 */
const FORMULA_LINE = /^(?='*[=+\-@\t\r])|(?<=[\n\r])(?='*[=+\-@\t])/g;
const ESCAPED_FORMULA_LINE = /^'(?='*[=+\-@\t\r])|(?<=[\n\r])'(?='*[=+\-@\t])/g;
export const escapeFormula = (cell: string) => cell.replace(FORMULA_LINE, "'");
export const unescapeFormula = (cell: string) => cell.replace(ESCAPED_FORMULA_LINE, "");

/** Rows handed on at a time; and the size of the pieces a file's bytes are fed to the parser in. */
const CHUNK_ROWS = 500;
const SLICE_BYTES = 64 * 1024;

const count = (n: number) => n.toLocaleString("en-US");

/** The limits in force when none are given: the configuration's defaults (the CLI and tests). */
export const defaultLimits = (): InputLimits => inputLimits(loadConfig({}));

/** Reads a file as a table: its header (row 1) now, its rows on each call of `rows()`. */
export async function readTable(format: FileFormat, bytes: Buffer, limits: InputLimits = defaultLimits()): Promise<Table> {
  if (bytes.length > limits.fileBytes) throw limitExceeded(limits, "fileBytes", `the file has ${count(bytes.length)} bytes`);
  let records: () => AsyncGenerator<TableRow[]>;
  if (format === "csv") {
    const text = csvText(bytes);
    const delimiter = csvDelimiter(text);
    await breathe();
    checkCsvShape(text, limits, delimiter);
    await breathe();
    records = () => csvRecords(text, limits, delimiter);
  } else {
    const workbook = await wrapUnreadable(openWorkbook(bytes, limits));
    records = () => workbook.rows();
  }
  let header: string[] | undefined;
  for await (const [first] of records()) {
    if (first) header = first.row === 1 ? first.cells : [];
    break;
  }
  if (!header) throw new UnreadableFile("the file is empty: it needs a header row naming its columns");
  return {
    header,
    async *rows() {
      for await (const chunk of records()) {
        const under = chunk[0]?.row === 1 ? chunk.slice(1) : chunk;
        // Planning and committing go a chunk at a time; between chunks other requests get their turn.
        await breathe();
        if (under.length > 0) yield under;
      }
    },
  };
}

/** Bytes that Windows-1252 leaves undefined: a file holding one is in neither encoding this reads. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * A CSV's bytes as UTF-8: UTF-8 with or without a byte-order mark as they are, else Windows-1252
 * (what Excel writes as "CSV" on a Western European Windows) converted; anything else, UTF-16
 * among it, is refused saying what to change.
 */
export function csvText(bytes: Buffer): Buffer {
  if (isUtf8(bytes)) return bytes;
  const refuse = (what: string) =>
    badRequest(`the file is not UTF-8 or Windows-1252 text (${what}): save the CSV as "CSV UTF-8" and send it again`, [
      { field: "contentBase64", message: "must be a CSV file in UTF-8 (or Windows-1252)" },
    ]);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw refuse("it looks like UTF-16");
  for (const b of bytes) {
    if (b === 0) throw refuse("it holds NUL bytes, as UTF-16 does");
    if (UNDEFINED_IN_1252.has(b)) throw refuse(`it holds the byte 0x${b.toString(16)}`);
  }
  return Buffer.from(new TextDecoder("windows-1252").decode(bytes), "utf8");
}

const DELIMITERS = [0x2c, 0x3b, 0x09] as const;

/**
 * The field delimiter of a CSV, told by its header row: comma, semicolon (Excel in German,
 * French and other locales that write a decimal comma) or tab, whichever the header has most
 * of outside quotes; a comma when it has none.
 */
export function csvDelimiter(bytes: Buffer): number {
  const counts = new Map<number, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x22) quoted = !quoted;
    else if (!quoted && (b === 0x0a || b === 0x0d)) break;
    else if (!quoted && counts.has(b)) counts.set(b, (counts.get(b) as number) + 1);
  }
  let best: number = 0x2c;
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(best) as number)) best = d;
  return best;
}

/**
 * Checks a CSV's rows, columns and cell lengths against the limits in one pass over its bytes,
 * before it is parsed: a parser builds a whole record before handing it on, so a row of a
 * million columns would be built first. Fields, quotes and line breaks are told apart as a CSV
 * parser does (a line break of any kind ends a record here, so this never counts fewer); a file
 * the parser would refuse for its quoting passes here and is refused by the parser.
 */
function checkCsvShape(bytes: Buffer, limits: InputLimits, delimiter = 0x2c): void {
  let row = 1;
  let columns = 1;
  let chars = 0;
  let quoted = false;
  let fieldStart = true;
  const tooLong = () =>
    limitExceeded(limits, "cellChars", `a cell in row ${count(row)} of the file has more than ${count(limits.cellChars)} characters`);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (quoted) {
      if (b === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else quoted = false;
      }
      // Characters, not bytes: a UTF-8 continuation byte does not start one.
      if ((b & 0xc0) !== 0x80 && ++chars > limits.cellChars) throw tooLong();
    } else if (b === 0x22 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (b === delimiter) {
      if (++columns > limits.columns)
        throw limitExceeded(limits, "columns", `row ${count(row)} of the file has more than ${count(limits.columns)} columns`);
      chars = 0;
      fieldStart = true;
    } else if (b === 0x0a || b === 0x0d) {
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      // The record ending here is a data row if it is not the header; a further one must fit too.
      if (i + 1 < bytes.length && row++ > limits.rows)
        throw limitExceeded(limits, "rows", `the file has more than ${count(limits.rows)} data rows under the header`);
      columns = 1;
      chars = 0;
      fieldStart = true;
    } else {
      fieldStart = false;
      if ((b & 0xc0) !== 0x80 && ++chars > limits.cellChars) throw tooLong();
    }
  }
}

/** Anything the XLSX reader throws other than a refusal or UnreadableFile is a file it could not read. */
async function wrapUnreadable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HttpProblem || error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`the file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
}

/**
 * Every record of a CSV, in chunks; the bytes are fed in slices, so only a chunk is parsed
 * ahead. The file's shape was checked before (checkCsvShape); the parser's own bound on a
 * record's length and the count of records here hold all the same.
 */
async function* csvRecords(bytes: Buffer, limits: InputLimits, delimiter = 0x2c): AsyncGenerator<TableRow[]> {
  // A row may be as long as 64 full cells; rows of more columns are refused by their count.
  const recordChars = limits.cellChars * Math.min(limits.columns, 64);
  // Blank lines stay as records, so that row numbers in messages count the file's records.
  const parser = parse({
    bom: true,
    delimiter: String.fromCharCode(delimiter),
    relax_column_count: true,
    max_record_size: recordChars,
  });
  const slices = Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
    })(),
    { objectMode: false },
  );
  slices.pipe(parser);
  let chunk: TableRow[] = [];
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (row > limits.rows + 1)
        throw limitExceeded(limits, "rows", `the file has more than ${count(limits.rows)} data rows under the header`);
      chunk.push({ row, cells: record.map(unescapeFormula) });
      if (chunk.length === CHUNK_ROWS) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    const { code, message } = error as { code?: string; message: string };
    if (code === "CSV_MAX_RECORD_SIZE")
      throw limitExceeded(limits, "cellChars", `a row of the file has more than ${count(recordChars)} characters in its cells`);
    throw new UnreadableFile(`the file is not valid CSV: ${message}`);
  } finally {
    slices.destroy();
    parser.destroy();
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Writes rows to a stream as the file, pulling them page by page from `pages` so that a large
 * register is never held whole: CSV with a byte-order mark (spreadsheet programs then read it
 * as UTF-8), or an XLSX workbook with one sheet.
 */
export function writeTable(format: FileFormat, sheetName: string, header: string[], pages: AsyncIterable<string[][]>): Readable {
  const out = new PassThrough();
  const fail = (error: unknown) => out.destroy(error as Error);
  if (format === "csv") {
    // A value holding a line break is quoted, or its second line would start a row of its own.
    const csv = stringify({ bom: true, record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
    csv.on("error", fail);
    csv.pipe(out);
    (async () => {
      csv.write(header);
      for await (const page of pages) for (const row of page) if (!csv.write(row.map(escapeFormula))) await onceDrained(csv);
      csv.end();
    })().catch(fail);
    return out;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  (async () => {
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(header).commit();
    for await (const page of pages) for (const row of page) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch(fail);
  return out;
}

const onceDrained = (stream: NodeJS.WritableStream) => new Promise<void>((resolve) => stream.once("drain", () => resolve()));
