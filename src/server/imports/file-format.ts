import { PassThrough, Readable } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { FileFormat } from "../../contracts/imports.js";

/**
 * The one module that knows the file formats: CSV through csv-parse and csv-stringify, XLSX
 * through ExcelJS. Everything else sees a table of text cells.
 */
export interface Table {
  header: string[];
  /**
   * The rows under the header, a chunk at a time, read anew from the file on each call: a large
   * file is never held as cells, only as its bytes. A file that turns out unreadable part way
   * throws UnreadableFile from here.
   */
  rows(): AsyncIterable<string[][]>;
}

/** A file that cannot be read as a table at all. */
export class UnreadableFile extends Error {}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A spreadsheet program runs a CSV cell that starts with one of these as a formula. Exports
 * write such a cell with a leading apostrophe (which those programs hide); imports take one
 * apostrophe off again, so the text survives the round trip.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
const escapeFormula = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const unescapeFormula = (cell: string) => (ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell);

/** Rows handed on at a time; and the size of the pieces a file's bytes are fed to the parser in. */
const CHUNK_ROWS = 500;
const SLICE_BYTES = 64 * 1024;

export async function readTable(format: FileFormat, bytes: Buffer): Promise<Table> {
  // A workbook is unpacked once into CSV, the compact form every later pass reads.
  const csv = format === "csv" ? bytes : await xlsxAsCsv(bytes);
  const records = (skip: number) => csvRecords(csv, format === "csv", skip);
  let header: string[] | undefined;
  for await (const [first] of records(0)) {
    header = first;
    break;
  }
  if (!header) throw new UnreadableFile("the file is empty: it needs a header row naming its columns");
  return { header, rows: () => records(1) };
}

/** Every record of a CSV from the `skip`th on, in chunks; the bytes are fed in slices, so only a chunk is parsed ahead. */
async function* csvRecords(bytes: Buffer, escaped: boolean, skip: number): AsyncGenerator<string[][]> {
  // Blank lines stay as records, so that row numbers in messages count the file's records.
  const parser = parse({ bom: true, relax_column_count: true, from: skip + 1 });
  const slices = Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
    })(),
    { objectMode: false },
  );
  slices.pipe(parser);
  let chunk: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      chunk.push(escaped ? record.map(unescapeFormula) : record);
      if (chunk.length === CHUNK_ROWS) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    throw new UnreadableFile(`the file is not valid CSV: ${(error as Error).message}`);
  } finally {
    slices.destroy();
    parser.destroy();
  }
  if (chunk.length > 0) yield chunk;
}

/** A cell as the text a person sees; formulas give their last computed result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/** The first worksheet's cells as CSV, streamed so that a large workbook is not held in memory as a whole. */
async function xlsxAsCsv(bytes: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  let rows = 0;
  const add = (cells: string[][]) => parts.push(Buffer.from(stringifySync(cells, { record_delimiter: "\n" }), "utf8"));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "ignore",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      let chunk: string[][] = [];
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        // The reader skips empty rows; a gap in the numbers keeps later rows on their spreadsheet row.
        while (rows < row.number - 1) {
          chunk.push([]);
          rows++;
        }
        chunk.push(values);
        rows++;
        if (chunk.length >= CHUNK_ROWS) {
          add(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) add(chunk);
      break;
    }
  } catch (error) {
    throw new UnreadableFile(`the file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  return Buffer.concat(parts);
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
    const csv = stringify({ bom: true, record_delimiter: "\r\n" });
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
