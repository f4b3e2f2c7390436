import { describe, expect, it } from "vitest";
import { repeated, rowXml, workbook, zip } from "../../../test/helpers/hostile-files.js";
import { fileOf } from "../../../test/helpers/import-files.js";
import type { FileFormat } from "../../contracts/imports.js";
import type { InputLimits } from "../http/limits.js";
import { defaultLimits, escapeFormula, readTable, type TableRow, UnreadableFile, unescapeFormula } from "./file-format.js";

const limits = (overrides: Partial<InputLimits> = {}): InputLimits => ({ ...defaultLimits(), ...overrides });

/** Reads a whole file as the import does: the header, then every row. */
async function read(format: FileFormat, bytes: Buffer, given: InputLimits = limits()) {
  const table = await readTable(format, bytes, given);
  const rows: TableRow[] = [];
  for await (const chunk of table.rows()) rows.push(...chunk);
  return { header: table.header, rows };
}

/** Expects a refusal naming the setting, within `ms`. */
async function refused(work: Promise<unknown>, status: number, setting: RegExp, ms = 2000) {
  const started = performance.now();
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ status, message: expect.stringMatching(setting) });
  expect(performance.now() - started).toBeLessThan(ms);
}

const csv = (text: string) => Buffer.from(text, "utf8");

describe("reading CSV within the upload limits", () => {
  it("refuses a file over the size limit before reading it", async () => {
    await refused(read("csv", csv("a,b\n1,2\n"), limits({ fileBytes: 4 })), 413, /ISMS_UPLOAD_MAX_BYTES = 4\)/);
  });

  it("refuses more rows, columns or characters a cell than allowed, naming the limit", async () => {
    await refused(read("csv", csv("a\n1\n2\n3\n"), limits({ rows: 2 })), 413, /more than 2 data rows.*ISMS_UPLOAD_MAX_ROWS = 2\)/);
    expect((await read("csv", csv("a\n1\n2\n"), limits({ rows: 2 }))).rows).toHaveLength(2);
    await refused(read("csv", csv("a,b,c\n1,2,3\n"), limits({ columns: 2 })), 413, /more than 2 columns.*ISMS_UPLOAD_MAX_COLUMNS = 2\)/);
    await refused(read("csv", csv(`a\n${"x".repeat(11)}\n`), limits({ cellChars: 10 })), 413, /ISMS_UPLOAD_MAX_CELL_CHARS = 10\)/);
    // A cell still open when the parser's buffer passes what a row may hold.
    await refused(read("csv", csv(`a\n"${"x".repeat(5000)}`), limits({ cellChars: 10 })), 413, /ISMS_UPLOAD_MAX_CELL_CHARS/);
  });

  it("refuses a million columns at once, in the header or a row", async () => {
    await refused(read("csv", csv(",".repeat(1_000_000))), 413, /more than 256 columns.*ISMS_UPLOAD_MAX_COLUMNS/, 1000);
    const wide = Buffer.from(`name\n${"xxxxxxxx,".repeat(1_000_000)}\n`, "utf8");
    await refused(read("csv", wide), 413, /row 2 of the file has more than 256 columns/, 1000);
  });

  it("refuses a file in neither UTF-8 nor Windows-1252, saying what to change", async () => {
    await refused(read("csv", Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x81, 0x41])), 400, /not UTF-8 or Windows-1252.*0x81.*CSV UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name\nA\n", "utf16le")]);
    await refused(read("csv", utf16), 400, /looks like UTF-16/);
  });

  it("reads the semicolons and tabs of a German or French Excel, and Windows-1252 or UTF-8 with or without a BOM (issue 11, item 11)", async () => {
    const expected = { header: ["Name", "Kind", "Owner"], rows: [{ row: 2, cells: ["Süd; Büro", "site", "Zoë"] }] };
    // Excel "CSV (Trennzeichen-getrennt)": semicolons, Windows-1252, a quoted cell holding a semicolon.
    const windows1252 = Buffer.from('Name;Kind;Owner\r\n"S\u00fcd; B\u00fcro";site;Zo\u00eb\r\n', "latin1");
    expect(windows1252.includes(0xfc)).toBe(true);
    expect(await read("csv", windows1252)).toEqual(expected);
    expect(await read("csv", Buffer.from('\ufeffName;Kind;Owner\n"Süd; Büro";site;Zoë\n', "utf8"))).toEqual(expected);
    expect(await read("csv", Buffer.from('Name\tKind\tOwner\n"Süd; Büro"\tsite\tZoë\n', "utf8"))).toEqual(expected);
    expect(await read("csv", Buffer.from('Name,Kind,Owner\n"Süd; Büro",site,Zoë\n', "utf8"))).toEqual(expected);
    // The column limit counts the file's own delimiter.
    await refused(read("csv", csv("a;b;c\n1;2;3\n"), limits({ columns: 2 })), 413, /more than 2 columns/);
  });
});

describe("reading XLSX within the upload limits", () => {
  it("keeps sparse rows where they are without making up the rows between", async () => {
    const bytes = workbook([rowXml(1, ["name", "kind"]), rowXml(3, ["A", "x"]), rowXml(150_000, ["B", "y"])]);
    const { header, rows } = await read("xlsx", bytes);
    expect(header).toEqual(["name", "kind"]);
    expect(rows).toEqual([
      { row: 3, cells: ["A", "x"] },
      { row: 150_000, cells: ["B", "y"] },
    ]);
  });

  it("refuses a row numbered past the row limit at once (a 5 KB file numbering a row 300,000,000)", async () => {
    const bytes = workbook([rowXml(1, ["name"]), rowXml(2, ["A"]), rowXml(300_000_000, ["B"])]);
    await refused(
      read("xlsx", bytes),
      413,
      /row numbered 300,000,000, beyond the 200,000 data rows.*ISMS_UPLOAD_MAX_ROWS = 200,000\)/,
      500,
    );
    await refused(read("xlsx", workbook([rowXml(1, ["a"]), rowXml(4, ["b"])]), limits({ rows: 2 })), 413, /ISMS_UPLOAD_MAX_ROWS = 2\)/);
  });

  it("refuses a cell past the column limit, and more cells than allowed", async () => {
    const far = workbook([rowXml(1, ["name"]), '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>']);
    await refused(read("xlsx", far), 413, /column XFD \(16,384\), beyond the first 256.*ISMS_UPLOAD_MAX_COLUMNS = 256\)/);
    const many = workbook([rowXml(1, ["a", "b", "c"]), rowXml(2, ["1", "2", "3"])]);
    await refused(read("xlsx", many, limits({ cells: 5 })), 413, /more than 5 cells.*ISMS_UPLOAD_MAX_CELLS = 5\)/);
    await refused(read("xlsx", many, limits({ cellChars: 0 })), 413, /ISMS_UPLOAD_MAX_CELL_CHARS = 0\)/);
  });

  it("refuses a zip bomb from its directory, before inflating anything", async () => {
    // 1.1 GB of one row's text in a file of about a megabyte.
    const bomb = workbook([
      rowXml(1, ["name"]),
      '<row r="2"><c t="inlineStr"><is><t>',
      ...repeated("A".repeat(1024), 1_100_000),
      "</t></is></c></row>",
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await refused(read("xlsx", bomb), 413, /inflates to more than 268,435,456 bytes.*ISMS_UPLOAD_MAX_UNCOMPRESSED_BYTES/, 500);
    await refused(
      read("xlsx", bomb, limits({ uncompressedBytes: 4 * 1024 ** 3 })),
      413,
      /times its compressed size.*ISMS_UPLOAD_MAX_COMPRESSION_RATIO = 100\)/,
      500,
    );
  });

  it("refuses an entry that inflates to more than its archive declares, while inflating", async () => {
    const liar = workbook(
      [rowXml(1, ["name"]), '<row r="2"><c t="inlineStr"><is><t>', ...repeated("A".repeat(1024), 50_000), "</t></is></c></row>"],
      {
        declaredSize: 100_000,
      },
    );
    await refused(read("xlsx", liar), 400, /inflates to more than the 100,000 bytes its archive declares/, 1000);
  });

  it("refuses an archive of more entries than allowed", async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `x/${i}.xml`, data: "<x/>" }));
    const bytes = workbook([rowXml(1, ["a"])], { extra: entries });
    await refused(read("xlsx", bytes, limits({ archiveEntries: 10 })), 413, /has 23 entries.*ISMS_UPLOAD_MAX_ARCHIVE_ENTRIES = 10\)/);
  });

  it("reads what it cannot make sense of as an unreadable file", async () => {
    await expect(read("xlsx", Buffer.from("not a zip"))).rejects.toBeInstanceOf(UnreadableFile);
    const entity = workbook(['<!DOCTYPE x [<!ENTITY a "aaaa">]><row r="1"><c t="inlineStr"><is><t>&a;</t></is></c></row>']);
    await expect(read("xlsx", entity)).rejects.toBeInstanceOf(UnreadableFile);
    await expect(read("xlsx", zip([{ name: "a.txt", data: "hello" }]))).rejects.toThrow(/no xl\/workbook.xml/);
  });

  it("reads cell types as a person sees them: shared and rich strings, numbers, booleans, formulas' results", async () => {
    const shared =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>phonetic</t></rPh></si></sst>';
    const bytes = workbook(
      [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1"><v>1.50E+3</v></c><c r="E1" t="b"><v>1</v></c>',
        '<c r="F1" t="str"><f>A1</f><v>text &amp; more</v></c><c r="G1"><f>1+1</f><v>2</v></c><c r="H1" t="e"><v>#N/A</v></c></row>',
      ],
      { extra: [{ name: "xl/sharedStrings.xml", data: shared }] },
    );
    expect((await read("xlsx", bytes)).header).toEqual(["plain", "rich", "", "1500", "true", "text & more", "2", "#N/A"]);
  });

  it("reads the workbooks it writes", async () => {
    const bytes = await fileOf("xlsx", [
      ["Name", "Notes"],
      ["A", "=1+1\nsecond"],
    ]);
    expect(await read("xlsx", bytes)).toEqual({ header: ["Name", "Notes"], rows: [{ row: 2, cells: ["A", "=1+1\nsecond"] }] });
  });
});

describe("writing CSV", () => {
  it("quotes a value holding a line break and escapes a formula at the start of every line", async () => {
    const bytes = await fileOf("csv", [["Name"], ["=1+1\n=2+2"], ["a\r-b"], ["x\n@y\r\n+z\n\tw"], ["plain\nlines"]]);
    expect(bytes.toString("utf8")).toBe(`\uFEFFName\r\n"'=1+1\n'=2+2"\r\n"a\r'-b"\r\n"x\n'@y\r\n'+z\n'\tw"\r\n"plain\nlines"\r\n`);
    const { rows } = await read("csv", bytes);
    expect(rows.map((r) => r.cells[0])).toEqual(["=1+1\n=2+2", "a\r-b", "x\n@y\r\n+z\n\tw", "plain\nlines"]);
  });

  it("escapes and unescapes so that any text survives", () => {
    for (const text of ["=a", "'=a", "''=a", "a\n'=b", "a\n'b", "\r=x", "-1", "a\n\n=b", "'", "\n=", "x\r\n-y"]) {
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
      for (const line of escapeFormula(text)
        .split(/[\r\n]/)
        .slice(1))
        expect(line).not.toMatch(/^[=+\-@\t]/);
      expect(escapeFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
