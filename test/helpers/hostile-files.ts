import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * Test aid: hostile files made on the spot (none is committed), small to send and built to
 * expand: zip bombs, sparse and many-cell workbooks, YAML alias bombs, deep nesting.
 */

export interface ZipEntry {
  name: string;
  /** The content, whole or as pieces (a bomb's content is never held whole: a piece that repeats is compressed once). */
  data: string | Buffer | Iterable<string>;
  /** The uncompressed size the archive claims, when it should lie. */
  declaredSize?: number;
}

/**
 * Raw deflate of the pieces, each compressed on its own and flushed to a byte boundary, so that
 * the segments join into one stream (ended by an empty final block): a piece repeated a thousand
 * times is compressed once, and a gigabyte bomb is made in a moment.
 */
function deflate(data: ZipEntry["data"]): { compressed: Buffer; size: number; crc: number } {
  const pieces: Iterable<string | Buffer> = typeof data === "string" || Buffer.isBuffer(data) ? [data] : data;
  const segments = new Map<string | Buffer, { bytes: Buffer; segment: Buffer }>();
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    let known = segments.get(piece);
    if (!known) {
      const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
      known = { bytes, segment: deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }) };
      if (segments.size < 100) segments.set(piece, known);
    }
    size += known.bytes.length;
    crc = crc32(known.bytes, crc);
    out.push(known.segment);
  }
  out.push(Buffer.from([0x03, 0x00]));
  return { compressed: Buffer.concat(out), size, crc };
}

/** A ZIP archive (deflate), with sizes as given or as they are. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, size, crc } = deflate(entry.data);
    const declared = entry.declaredSize ?? size;
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const column = (n: number): string => (n <= 0 ? "" : column(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** A row of a sheet as XML: inline strings, at the row number given. */
export const rowXml = (number: number, cells: string[]) =>
  `<row r="${number}">${cells.map((text, i) => `<c r="${column(i + 1)}${number}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join("")}</row>`;

/** A workbook whose first sheet is this sheet data (pieces of XML between <sheetData> and </sheetData>). */
export function workbook(sheetData: Iterable<string>, options: { declaredSize?: number; extra?: ZipEntry[] } = {}): Buffer {
  const sheet = (function* () {
    yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    yield* sheetData;
    yield "</sheetData></worksheet>";
  })();
  return zip([
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: RELATIONSHIPS },
    {
      name: "xl/worksheets/sheet1.xml",
      data: sheet,
      ...(options.declaredSize === undefined ? {} : { declaredSize: options.declaredSize }),
    },
    ...(options.extra ?? []),
  ]);
}

/** `count` copies of `piece`, a megabyte at a time (the same string each time, so that it is compressed once). */
export function* repeated(piece: string, count: number): Generator<string> {
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / piece.length));
  const chunk = piece.repeat(perChunk);
  let done = 0;
  for (; done + perChunk <= count; done += perChunk) yield chunk;
  if (done < count) yield piece.repeat(count - done);
}

/** A YAML "billion laughs": ten levels of aliases, each nine times the one before. */
export function yamlAliasBomb(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let previous = "a";
  for (let i = 0; i < 9; i++) {
    const name = `b${i}`;
    text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]\n`;
    previous = name;
  }
  return text;
}

/** JSON nested `depth` levels deep, as text: arrays, or objects with one key. */
export const deepJson = (depth: number, kind: "array" | "object" = "array") =>
  kind === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
