import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_VALUATION_SCALE } from "../../src/core/assets/valuation.js";
import { IMPORT_REGISTERS, type ImportRegister, importColumns } from "../../src/core/imports/columns.js";
import { encodeCursor } from "../../src/core/pagination/cursor.js";
import { importBindings } from "../../src/server/imports/registers.js";
import { backupOrganizationTo } from "../../src/server/modules/backup/index.js";
import { deepJson, repeated, rowXml, workbook, yamlAliasBomb } from "../helpers/hostile-files.js";
import { type ApiClient, type ApiResponse, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

/**
 * A corpus of hostile files and bodies sent to every upload route, signed in or not: each must
 * be refused with a 4xx naming the limit or the problem, quickly, leaving the database as it
 * was and the server's memory within 100 MB of where it was (the app runs in this process).
 */

let server: TestServer;
let admin: ApiClient;
let orgId: string;
let base: string;
let setupBeforeAnyUser: ApiResponse<any>;
let token: string;

const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer();
  // The very first request to an instance, before anyone has signed up.
  setupBeforeAnyUser = await raw(server.url, "POST", "/api/v1/setup", deepJson(10_000, "object"));
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  token = (await admin.post(`${base}/tokens`, { name: "hostile" })).body.token;
});
afterAll(async () => server.close());

async function raw(url: string, method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(url + path, { method, headers: { "content-type": "application/json", ...headers }, body: body as BodyInit });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers } as ApiResponse<any>;
}

/** Every table an upload could change, counted. */
async function snapshot(): Promise<Record<string, unknown>> {
  const bindings = await importBindings();
  const tables = [
    ...IMPORT_REGISTERS.map((r) => bindings.get(r)?.table as string),
    "import_jobs",
    "audit_events",
    "users",
    "process_settings",
  ];
  const counts: Record<string, unknown> = {};
  for (const table of tables)
    counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(server.db.kysely)).rows[0]?.n);
  counts.catalog = (await sql`select catalog_source from process_settings`.execute(server.db.kysely)).rows;
  return counts;
}

/**
 * Runs the requests one after another, sampling the resident memory meanwhile; checks each answer
 * is a 4xx whose detail matches, that none took longer than `ms` or grew the memory by 100 MB
 * (transport included: the file arrives as base64 inside JSON), and that the database is as it was.
 */
async function expectRefused(requests: (() => Promise<ApiResponse<any>>)[], status: number, detail: RegExp, ms = 3000) {
  const before = await snapshot();
  for (const request of requests) {
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 2);
    const started = performance.now();
    const response = await request().finally(() => clearInterval(sampler));
    const took = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toMatch(detail);
    expect(took).toBeLessThan(ms);
    expect((peak - rssBefore) / MB).toBeLessThan(100);
  }
  expect(await snapshot()).toEqual(before);
}

const header = (register: ImportRegister) => importColumns(register, DEFAULT_VALUATION_SCALE).map((c) => c.header);

/** The file sent to every importable register's preview. */
const toEveryRegister = (format: "csv" | "xlsx", file: (register: ImportRegister) => Buffer) =>
  IMPORT_REGISTERS.map((register) => {
    const body = JSON.stringify({ filename: `hostile.${format}`, format, contentBase64: file(register).toString("base64") });
    return () => admin.request("POST", `${base}/imports/${register}/preview`, body, { "content-type": "application/json" });
  });

const putCatalog = (format: "yaml" | "json", source: string) => () => admin.request("PUT", `${base}/process/catalog`, { format, source });

describe("hostile spreadsheets sent to every import preview", () => {
  it("a zip bomb (1.1 GB in about a megabyte) is refused from the archive's directory, well under a second", async () => {
    const bomb = workbook([
      rowXml(1, ["Name"]),
      '<row r="2"><c t="inlineStr"><is><t>',
      ...repeated("A".repeat(1024), 1_100_000),
      "</t></is></c></row>",
    ]);
    await expectRefused(
      toEveryRegister("xlsx", () => bomb),
      413,
      /inflates to more than .*ISMS_UPLOAD_MAX_UNCOMPRESSED_BYTES/,
      1000,
    );
  });

  it("an archive entry inflating past the size it declares is refused while inflating", async () => {
    const liar = workbook(
      [rowXml(1, ["Name"]), '<row r="2"><c t="inlineStr"><is><t>', ...repeated("A".repeat(1024), 200_000), "</t></is></c></row>"],
      {
        declaredSize: 1_000_000,
      },
    );
    await expectRefused(
      toEveryRegister("xlsx", () => liar),
      400,
      /inflates to more than the 1,000,000 bytes its archive declares/,
      1000,
    );
  });

  it("a 5 KB workbook numbering a row 300,000,000 is refused at once, not filled in", async () => {
    const file = (register: ImportRegister) =>
      workbook([
        rowXml(1, header(register)),
        rowXml(
          2,
          header(register).map(() => "x"),
        ),
        rowXml(300_000_000, ["late"]),
      ]);
    expect(file("assets").length).toBeLessThan(6000);
    await expectRefused(toEveryRegister("xlsx", file), 413, /row numbered 300,000,000.*ISMS_UPLOAD_MAX_ROWS = 200,000/, 1000);
  });

  it("a many-cell bomb is refused", async () => {
    const cells = workbook(repeated(`<row>${"<c/>".repeat(16_000)}</row>`, 2_000));
    await expectRefused(
      toEveryRegister("xlsx", () => cells),
      413,
      /ISMS_UPLOAD_MAX_(COMPRESSION_RATIO|CELLS|COLUMNS)/,
    );
    const wide = workbook([`<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>`]);
    await expectRefused(
      toEveryRegister("xlsx", () => wide),
      413,
      /column XFD .*ISMS_UPLOAD_MAX_COLUMNS = 256/,
    );
  });

  it("an archive of thousands of entries is refused from its directory", async () => {
    const entries = Array.from({ length: 1100 }, (_, i) => ({ name: `x/${i}.xml`, data: "<x/>" }));
    const many = workbook([rowXml(1, ["Name"])], { extra: entries });
    await expectRefused(
      toEveryRegister("xlsx", () => many),
      413,
      /has 1,103 entries.*ISMS_UPLOAD_MAX_ARCHIVE_ENTRIES = 1,000/,
    );
  });

  it("huge strings in a cell are refused", async () => {
    const xlsx = workbook([rowXml(1, ["Name"]), rowXml(2, ["y".repeat(40_000)])]);
    await expectRefused(
      toEveryRegister("xlsx", () => xlsx),
      413,
      /more than 32,767 characters.*ISMS_UPLOAD_MAX_CELL_CHARS/,
    );
    const csv = (register: ImportRegister) => Buffer.from(`${header(register).join(",")}\n"${"y".repeat(2_000_000)}"\n`);
    await expectRefused(toEveryRegister("csv", csv), 413, /ISMS_UPLOAD_MAX_CELL_CHARS = 32,767/);
  });
});

describe("hostile CSV sent to every import preview", () => {
  it("a CSV with a million columns (9.9 MB) is refused quickly, memory staying low", async () => {
    const wide = Buffer.from(`Name\n${"xxxxxxxx,".repeat(1_100_000)}\n`);
    expect(wide.length).toBeGreaterThan(9_900_000);
    await expectRefused(
      toEveryRegister("csv", () => wide),
      413,
      /row 2 of the file has more than 256 columns.*ISMS_UPLOAD_MAX_COLUMNS/,
    );
    const commas = Buffer.from(",".repeat(1_000_000));
    await expectRefused(
      toEveryRegister("csv", () => commas),
      413,
      /row 1 of the file has more than 256 columns/,
    );
  });

  it("more rows than allowed are refused", async () => {
    const tall = (register: ImportRegister) => Buffer.from(`${header(register).join(",")}\n${"x\n".repeat(200_001)}`);
    await expectRefused(toEveryRegister("csv", tall), 413, /more than 200,000 data rows.*ISMS_UPLOAD_MAX_ROWS = 200,000/);
  });

  it("a file in neither UTF-8 nor Windows-1252 is refused", async () => {
    const latin1 = (register: ImportRegister) =>
      Buffer.concat([Buffer.from(`${header(register).join(",")}\n`), Buffer.from([0x53, 0xfc, 0x81, 0xff, 0x0a])]);
    await expectRefused(toEveryRegister("csv", latin1), 400, /not UTF-8 or Windows-1252/);
  });
});

describe("hostile catalogs", () => {
  it("a YAML alias bomb (billion laughs) is refused with a 400", async () => {
    await expectRefused([putCatalog("yaml", yamlAliasBomb())], 400, /expands its aliases more than 100 times/, 1000);
  });

  it("catalogs nested thousands deep are refused before they are parsed", async () => {
    const deepYaml = [
      `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
      `${"- ".repeat(4_000)}a\n`,
      `${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}`,
    ];
    await expectRefused(
      deepYaml.map((source) => putCatalog("yaml", source)),
      400,
      /nests lists and mappings more than 64 levels deep.*ISMS_INPUT_MAX_DEPTH = 64/,
      1000,
    );
    await expectRefused(
      [putCatalog("json", deepJson(10_000)), putCatalog("json", deepJson(4_000, "object"))],
      400,
      /ISMS_INPUT_MAX_DEPTH = 64/,
      1000,
    );
  });

  it("an oversized catalog or one of invalid UTF-8 is refused", async () => {
    await expectRefused([putCatalog("yaml", `a: "${"x".repeat(1_100_000)}"`)], 413, /larger than the limit of 1 MiB/);
    const invalid = Buffer.concat([Buffer.from('{"format":"yaml","source":"a: '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    await expectRefused(
      [() => raw(server.url, "PUT", `${base}/process/catalog`, invalid, { authorization: `Bearer ${token}` })],
      400,
      /catalog is invalid/,
    );
  });
});

describe("deeply nested JSON to any route", () => {
  it("is a 400 naming the limit even before anyone has signed up", () => {
    expect(setupBeforeAnyUser.status).toBe(400);
    expect(setupBeforeAnyUser.body.detail).toMatch(/nests arrays and objects more than 64 levels deep.*ISMS_INPUT_MAX_DEPTH = 64/);
    expect(setupBeforeAnyUser.body.errors).toEqual([{ field: "body", message: expect.stringMatching(/ISMS_INPUT_MAX_DEPTH/) }]);
  });

  it("is a 400 on signed-out and signed-in routes alike, at 4,000 and 10,000 levels", async () => {
    const routes: [string, string, ApiClient | null][] = [
      ["POST", "/api/v1/setup", null],
      ["POST", `/api/v1/invites/${"a".repeat(43)}/accept`, null],
      ["POST", "/api/v1/auth/login", null],
      ["POST", `${base}/imports/assets/preview`, admin],
      ["PUT", `${base}/process/catalog`, admin],
      ["POST", `${base}/assets`, admin],
    ];
    const requests = routes.flatMap(([method, path, client]) =>
      [deepJson(4_000), deepJson(10_000, "object"), `{"name":${deepJson(10_000)}}`].map(
        (body) => () =>
          client ? client.request(method, path, body, { "content-type": "application/json" }) : raw(server.url, method, path, body),
      ),
    );
    await expectRefused(requests, 400, /ISMS_INPUT_MAX_DEPTH = 64/, 1000);
  });

  it("nesting within the limit still reaches the route's own validation", async () => {
    const response = await admin.request("POST", `${base}/assets`, `{"name":${deepJson(20)}}`, { "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect(response.body.detail).not.toMatch(/ISMS_INPUT_MAX_DEPTH/);
  });
});

describe("malformed list cursors", () => {
  it("a cursor holding a NUL character is a 400 naming cursor, on either database", async () => {
    const cursors = [encodeCursor({ value: "a\u0000b", id: "x" }), encodeCursor({ value: "a", id: "\u0000" })];
    const lists = ["assets", "risks", "members", "audit", "tokens", "scope/elements"];
    for (const list of lists)
      for (const cursor of cursors) {
        const response = await admin.get(`${base}/${list}?cursor=${cursor}`);
        expect(response.status, `${list}: ${JSON.stringify(response.body)}`).toBe(400);
        expect(response.body.errors).toEqual([{ field: "cursor", message: "is not a cursor this list issued" }]);
      }
  });

  it("a cursor whose value the sort column cannot hold is refused, not a 500", async () => {
    const response = await admin.get(`${base}/risks?sort=inherentLevel&cursor=${encodeCursor({ value: "not a number", id: "x" })}`);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
    if (response.status !== 200) expect(response.body.errors).toEqual([{ field: "cursor", message: "is not a cursor this list issued" }]);
  });
});

describe("limits set by the configuration", () => {
  let limited: TestServer;
  let client: ApiClient;
  let path: string;
  beforeAll(async () => {
    limited = await startTestServer({ ISMS_UPLOAD_MAX_ROWS: 3, ISMS_UPLOAD_MAX_BYTES: 4096, ISMS_INPUT_MAX_DEPTH: 10 });
    const instance = await setUpInstance(limited);
    client = instance.admin;
    path = `/api/v1/orgs/${instance.orgId}/imports/assets/preview`;
  });
  afterAll(async () => limited.close());

  const send = (file: string) =>
    client.post(path, { filename: "a.csv", format: "csv", contentBase64: Buffer.from(file).toString("base64") });

  it("are the ones the configuration sets", async () => {
    const rows = (n: number) => `${header("assets").join(",")}\n${"Laptop,hardware\n".repeat(n)}`;
    expect((await send(rows(3))).status).toBe(201);
    const tall = await send(rows(4));
    expect(tall.status).toBe(413);
    expect(tall.body).toMatchObject({
      type: "https://isms-workbench.dev/problems/limit-exceeded",
      detail: "the file has more than 3 data rows under the header (limit ISMS_UPLOAD_MAX_ROWS = 3)",
      errors: [{ field: "contentBase64", message: "the file has more than 3 data rows under the header (limit ISMS_UPLOAD_MAX_ROWS = 3)" }],
    });
    expect((await send(`Name\n${"x".repeat(5000)}\n`)).body.detail).toBe("the file has 5,006 bytes (limit ISMS_UPLOAD_MAX_BYTES = 4,096)");
    // The preview's body limit follows the file limit: a file of 4 KiB as base64, and room for the rest.
    const tooLarge = await send("x".repeat(60_000));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toBe("the request body is larger than the limit of 69 KiB");
    const deep = await client.request("POST", path, deepJson(11), { "content-type": "application/json" });
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toMatch(/more than 10 levels deep \(limit ISMS_INPUT_MAX_DEPTH = 10\)/);
    expect((await client.request("POST", path, deepJson(10), { "content-type": "application/json" })).body.detail).not.toMatch(
      /ISMS_INPUT_MAX_DEPTH/,
    );
  });
});

describe("hostile files sent to the restore upload", () => {
  const restore = (body: Buffer | string) => () =>
    admin.request("POST", "/api/v1/admin/restore", body, { "content-type": "application/octet-stream" });

  it("refuses a zip bomb, a gzip bomb, a line without end, bytes that are not a backup and a tampered backup: 422 naming the problem, quickly, nothing changed", async () => {
    const zipBomb = workbook([
      rowXml(1, ["Name"]),
      '<row r="2"><c t="inlineStr"><is><t>',
      ...repeated("A".repeat(1024), 1_100_000),
      "</t></is></c></row>",
    ]);
    await expectRefused([restore(zipBomb)], 422, /not an ISMS Workbench backup/, 1000);
    // 200 MB of newlines in a few hundred kilobytes: refused once it expands past ratio × size.
    const gzipBomb = gzipSync(Buffer.alloc(200 * MB, 10), { level: 9 });
    await expectRefused([restore(gzipBomb)], 422, /expands to more than .*ISMS_UPLOAD_MAX_COMPRESSION_RATIO/, 3000);
    // A header line that never ends.
    const endless = gzipSync(Buffer.concat([Buffer.from('{"format":"isms-backup","x":"'), Buffer.alloc(40 * MB, 97)]));
    await expectRefused([restore(endless)], 422, /expands to more than|longer than/, 3000);
    const invalid = Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28, 0xa0, 0xa1]);
    await expectRefused(
      [restore(invalid), restore(deepJson(10_000)), restore(gzipSync(deepJson(10_000)))],
      422,
      /not an ISMS Workbench backup|expands to more than/,
      1000,
    );
    const file = join(mkdtempSync(join(tmpdir(), "isms-hostile-")), "org.gz");
    await backupOrganizationTo(server.db, orgId, file);
    const tampered = gunzipSync(readFileSync(file)).toString("utf8").replace('"Acme"', '"Acne"');
    await expectRefused([restore(gzipSync(tampered))], 422, /does not match its checksum/, 3000);
  });

  it("refuses an empty body, and a body past ISMS_RESTORE_MAX_BYTES with a 413 naming it", async () => {
    await expectRefused([restore(Buffer.alloc(0))], 400, /empty/, 1000);
    const limited = await startTestServer({ ISMS_RESTORE_MAX_BYTES: 4096 });
    try {
      const { admin: limitedAdmin } = await setUpInstance(limited);
      const response = await limitedAdmin.request("POST", "/api/v1/admin/restore", Buffer.alloc(10_000, 1), {
        "content-type": "application/octet-stream",
      });
      expect(response.status).toBe(413);
      expect(response.body.detail).toMatch(/ISMS_RESTORE_MAX_BYTES = 4,096/);
    } finally {
      await limited.close();
    }
  });
});
