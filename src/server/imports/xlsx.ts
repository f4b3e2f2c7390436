import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { badRequest, HttpProblem } from "../http/errors.js";
import { type InputLimits, limitExceeded } from "../http/limits.js";
import { type TableRow, UnreadableFile } from "./table.js";

/**
 * Reads the first worksheet of an XLSX workbook as rows of text, bounded at every step so that a
 * small hostile file cannot make the server allocate much: the archive's directory is checked
 * against the limits (entries, declared sizes, compression ratio) before anything is inflated;
 * entries are inflated as streams and parsed as they come (SAX), never held whole, and an entry
 * that inflates to more than it declares is refused; row and column positions are checked before
 * a row is kept, and rows the sheet leaves out are not made up.
 *
 * The ZIP directory is read here rather than by a library, on Node's zlib, so that every size is
 * checked where it is read; ZIP64 is not needed within the limits and is refused.
 */

export interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** Inflated bytes handed to the XML parser at a time. */
const INFLATE_CHUNK = 64 * 1024;
/** Entries smaller than this inflated are not held to the compression ratio: tiny parts compress very well. */
const RATIO_FROM_BYTES = 1024 * 1024;
/** Rows handed on at a time. */
const CHUNK_ROWS = 500;

const count = (n: number) => n.toLocaleString("en-US");
const unreadable = (why: string) => new UnreadableFile(`the file is not a readable XLSX workbook: ${why}`);

/** The archive's entries by name, once the directory is within the limits. */
export function readDirectory(bytes: Buffer, limits: InputLimits): Map<string, Entry> {
  // The end-of-directory record is within the last 64 KiB (its comment) and 22 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) throw unreadable("it is not a ZIP archive");
  const entryCount = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryAt = bytes.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directoryAt === 0xffffffff) throw unreadable("ZIP64 archives are not supported");
  if (entryCount > limits.archiveEntries)
    throw limitExceeded(limits, "archiveEntries", `the workbook's archive has ${count(entryCount)} entries`);
  if (directoryAt + directorySize > end) throw unreadable("its ZIP directory is out of place");

  const entries = new Map<string, Entry>();
  let total = 0;
  let at = directoryAt;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable("its ZIP directory is damaged");
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (at + 46 + skip > end) throw unreadable("its ZIP directory is damaged");
    const entry: Entry = {
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    };
    at += 46 + skip;
    if (flags & 1) throw unreadable(`${entry.name} is encrypted`);
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.offset === 0xffffffff)
      throw unreadable("ZIP64 archives are not supported");
    total += entry.uncompressedSize;
    if (total > limits.uncompressedBytes)
      throw limitExceeded(
        limits,
        "uncompressedBytes",
        `the workbook's archive inflates to more than ${count(limits.uncompressedBytes)} bytes (${entry.name} alone to ${count(entry.uncompressedSize)})`,
      );
    if (entry.uncompressedSize > RATIO_FROM_BYTES && entry.uncompressedSize > limits.compressionRatio * Math.max(entry.compressedSize, 1))
      throw limitExceeded(
        limits,
        "compressionRatio",
        `${entry.name} in the workbook inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times its compressed size`,
      );
    entries.set(entry.name, entry);
  }
  return entries;
}

/** An entry's bytes inflated, a chunk at a time; never more than the entry declares. */
async function* inflate(bytes: Buffer, entry: Entry): AsyncGenerator<Buffer> {
  const at = entry.offset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw unreadable(`${entry.name} is damaged`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) throw unreadable(`${entry.name} is cut short`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw unreadable(`${entry.name} is damaged`);
    for (let from = 0; from < data.length; from += INFLATE_CHUNK) yield data.subarray(from, from + INFLATE_CHUNK);
    return;
  }
  if (entry.method !== 8) throw unreadable(`${entry.name} uses a compression method other than deflate`);
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  const source = Readable.from(
    (function* () {
      for (let from = 0; from < data.length; from += INFLATE_CHUNK) yield data.subarray(from, from + INFLATE_CHUNK);
    })(),
    { objectMode: false },
  );
  source.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      // The directory's size was checked against the limits; the data must keep to it.
      if (produced > entry.uncompressedSize)
        throw badRequest(
          `the workbook's ${entry.name} inflates to more than the ${count(entry.uncompressedSize)} bytes its archive declares: the file is refused as damaged or built to exhaust the server`,
          [{ field: "contentBase64", message: "must be an XLSX workbook whose archive declares its sizes truly" }],
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof UnreadableFile || error instanceof HttpProblem) throw error;
    throw unreadable(`${entry.name} cannot be inflated (${(error as Error).message})`);
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

/** The local part of an element's name: some writers prefix SpreadsheetML elements. */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * Parses an entry's XML as it inflates, calling the handlers; yields after each inflated chunk so
 * that the caller can hand on what the handlers gathered. Must be UTF-8, with no entity beyond
 * XML's own (the parser does not expand declared entities).
 */
async function* parseEntry(bytes: Buffer, entry: Entry, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => handlers.open(local(tag.name), (tag as SaxesTagPlain).attributes as Record<string, string>));
  parser.on("closetag", (tag) => handlers.close(local(tag.name)));
  parser.on("text", (text) => handlers.text(text));
  parser.on("cdata", (text) => handlers.text(text));
  parser.on("error", (error) => {
    throw unreadable(`${entry.name} is not well-formed XML (${error.message})`);
  });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw unreadable(`${entry.name} is not UTF-8 text`);
    }
  };
  for await (const chunk of inflate(bytes, entry)) {
    parser.write(decode(chunk));
    yield;
  }
  parser.write(decode());
  parser.close();
}

async function parseWhole(bytes: Buffer, entry: Entry, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseEntry(bytes, entry, handlers));
}

/** The path of a part a relationship points to, from the part it is relative to ("xl/"). */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

/** Where the first sheet and the shared strings are: the workbook lists its sheets, its relationships say which part each is. */
async function locateParts(bytes: Buffer, entries: Map<string, Entry>): Promise<{ sheet: Entry; sharedStrings: Entry | null }> {
  const workbook = entries.get("xl/workbook.xml");
  const relations = entries.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !relations) throw unreadable("it has no xl/workbook.xml");
  let firstSheet: string | null = null;
  await parseWhole(bytes, workbook, {
    open(name, attributes) {
      if (name !== "sheet" || firstSheet !== null) return;
      const id = Object.entries(attributes).find(([key]) => key === "id" || key.endsWith(":id"));
      firstSheet = id ? id[1] : "";
    },
    close() {},
    text() {},
  });
  const targets = new Map<string, string>();
  let sharedStringsPath: string | null = null;
  await parseWhole(bytes, relations, {
    open(name, attributes) {
      if (name !== "Relationship" || !attributes.Target) return;
      const path = resolvePart("xl", attributes.Target);
      if (attributes.Id) targets.set(attributes.Id, path);
      if (attributes.Type?.endsWith("/sharedStrings")) sharedStringsPath = path;
    },
    close() {},
    text() {},
  });
  if (firstSheet === null) throw unreadable("it has no worksheet");
  const sheetPath = targets.get(firstSheet);
  const sheet = sheetPath ? entries.get(sheetPath) : undefined;
  if (!sheet) throw unreadable("its first worksheet is missing");
  const sharedStrings = entries.get(sharedStringsPath ?? "xl/sharedStrings.xml") ?? null;
  return { sheet, sharedStrings };
}

/** Gathers the text of <t> elements, leaving out phonetic runs (<rPh>), within a cell's inline string or a shared string. */
function stringText(limits: InputLimits) {
  let depthInPhonetic = 0;
  let inText = false;
  let text = "";
  return {
    reset() {
      depthInPhonetic = 0;
      inText = false;
      text = "";
    },
    open(name: string) {
      if (name === "rPh") depthInPhonetic++;
      else if (name === "t" && depthInPhonetic === 0) inText = true;
    },
    close(name: string) {
      if (name === "rPh") depthInPhonetic--;
      else if (name === "t") inText = false;
    },
    add(piece: string): boolean {
      if (!inText) return false;
      text += piece;
      if (text.length > limits.cellChars)
        throw limitExceeded(limits, "cellChars", `a cell of the workbook has more than ${count(limits.cellChars)} characters`);
      return true;
    },
    get text() {
      return text;
    },
  };
}

/** The shared strings table, which cells of type "s" refer to by position. */
async function readSharedStrings(bytes: Buffer, entry: Entry | null, limits: InputLimits): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  const item = stringText(limits);
  await parseWhole(bytes, entry, {
    open(name) {
      if (name === "si") {
        item.reset();
        if (strings.length >= limits.cells)
          throw limitExceeded(limits, "cells", `the workbook's shared strings table has more than ${count(limits.cells)} entries`);
      } else item.open(name);
    },
    close(name) {
      if (name === "si") strings.push(item.text);
      else item.close(name);
    },
    text(text) {
      item.add(text);
    },
  });
  return strings;
}

/** A column's position (A = 1) from a cell reference such as "AB12"; past the limit is refused. */
function columnOf(reference: string, limits: InputLimits): number {
  const letters = /^[A-Za-z]{1,4}/.exec(reference)?.[0];
  if (!letters) throw unreadable(`a cell has the reference "${reference.slice(0, 20)}"`);
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 0x40);
  if (column > limits.columns)
    throw limitExceeded(
      limits,
      "columns",
      `the workbook has a cell in column ${letters} (${count(column)}), beyond the first ${count(limits.columns)}`,
    );
  return column;
}

/** A cell's text as a person sees it in the spreadsheet; a formula gives its last computed result. */
function cellValue(type: string, value: string, inline: string, shared: string[]): string {
  switch (type) {
    case "s": {
      const found = shared[Number(value)];
      if (found === undefined) throw unreadable(`a cell refers to shared string ${value.slice(0, 20)}, which the workbook does not have`);
      return found;
    }
    case "inlineStr":
      return inline;
    case "str":
    case "e":
    case "d":
      return value;
    case "b":
      return value === "" ? "" : Number(value) !== 0 ? "true" : "false";
    default: {
      const number = Number(value);
      return value.trim() !== "" && Number.isFinite(number) ? String(number) : value;
    }
  }
}

export interface Workbook {
  /** The first sheet's rows from the top, a chunk at a time, read anew on each call. */
  rows(): AsyncGenerator<TableRow[]>;
}

/** Opens an XLSX file: its directory checked against the limits, its shared strings read; the sheet is read on each `rows()`. */
export async function openWorkbook(bytes: Buffer, limits: InputLimits): Promise<Workbook> {
  const entries = readDirectory(bytes, limits);
  const { sheet, sharedStrings } = await locateParts(bytes, entries);
  const shared = await readSharedStrings(bytes, sharedStrings, limits);
  return { rows: () => sheetRows(bytes, sheet, shared, limits) };
}

async function* sheetRows(bytes: Buffer, sheet: Entry, shared: string[], limits: InputLimits): AsyncGenerator<TableRow[]> {
  let ready: TableRow[] = [];
  let inData = false;
  let row: TableRow | null = null;
  let lastRow = 0;
  let lastColumn = 0;
  let cells = 0;
  let cell: { column: number; type: string; value: string; inValue: boolean; inInline: boolean } | null = null;
  const inline = stringText(limits);

  const handlers: XmlHandlers = {
    open(name, attributes) {
      if (name === "sheetData") inData = true;
      if (!inData) return;
      if (name === "row") {
        const given = attributes.r;
        if (given !== undefined && !/^[0-9]{1,15}$/.test(given)) throw unreadable(`a row has the number "${given.slice(0, 20)}"`);
        const number = given === undefined ? lastRow + 1 : Number(given);
        if (number > limits.rows + 1)
          throw limitExceeded(
            limits,
            "rows",
            `the workbook has a row numbered ${count(number)}, beyond the ${count(limits.rows)} data rows allowed under the header`,
          );
        if (number <= lastRow) throw unreadable(`row ${count(number)} comes after row ${count(lastRow)}`);
        row = { row: number, cells: [] };
        lastRow = number;
        lastColumn = 0;
      } else if (name === "c" && row) {
        if (++cells > limits.cells) throw limitExceeded(limits, "cells", `the workbook has more than ${count(limits.cells)} cells`);
        const column = attributes.r === undefined ? lastColumn + 1 : columnOf(attributes.r, limits);
        if (column > limits.columns)
          throw limitExceeded(
            limits,
            "columns",
            `the workbook has a cell in column ${count(column)}, beyond the first ${count(limits.columns)}`,
          );
        lastColumn = column;
        cell = { column, type: attributes.t ?? "n", value: "", inValue: false, inInline: false };
        inline.reset();
      } else if (cell) {
        if (name === "v") cell.inValue = true;
        else if (name === "is") cell.inInline = true;
        else if (cell.inInline) inline.open(name);
      }
    },
    close(name) {
      if (name === "sheetData") inData = false;
      if (!inData) return;
      if (name === "row" && row) {
        // Cells the row leaves out between the ones it has are empty; none are made up past its last.
        const cells = row.cells;
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = "";
        ready.push(row);
        row = null;
      } else if (name === "c" && cell && row) {
        const text = cellValue(cell.type, cell.value, inline.text, shared);
        row.cells[cell.column - 1] = text;
        cell = null;
      } else if (cell) {
        if (name === "v") cell.inValue = false;
        else if (name === "is") cell.inInline = false;
        else if (cell.inInline) inline.close(name);
      }
    },
    text(text) {
      if (!cell) return;
      if (cell.inValue) {
        cell.value += text;
        if (cell.value.length > limits.cellChars)
          throw limitExceeded(limits, "cellChars", `a cell of the workbook has more than ${count(limits.cellChars)} characters`);
      } else if (cell.inInline) inline.add(text);
    },
  };

  for await (const _ of parseEntry(bytes, sheet, handlers)) {
    if (ready.length >= CHUNK_ROWS) {
      yield ready;
      ready = [];
    }
  }
  if (ready.length > 0) yield ready;
}
