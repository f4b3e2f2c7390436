import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { fileOf, tableOf } from "../../../test/helpers/import-files.js";
import { DEFAULT_VALUATION_SCALE } from "../../core/assets/valuation.js";
import { importColumns } from "../../core/imports/columns.js";
import { buildApp } from "../../server/app.js";
import { testConfig } from "../../server/config.js";
import { run } from "../main.js";

let database: TestDatabase;
let dir: string;
let server: FastifyInstance;
let remote: Record<string, string> = {};

async function isms(argv: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(argv.split(" ").filter(Boolean), {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin: Readable.from([]),
    // Administration reaches the database; the import and export commands go through the server with the token.
    env: { DATABASE_URL: database.url, ISMS_DB_SCHEMA: database.schema, ISMS_USER_PASSWORD: "correct horse battery staple", ...remote },
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

const assetCount = async () =>
  Number(
    (
      await database.db.kysely
        .selectFrom("assets")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function writeFile(name: string, rows: string[][]) {
  const path = join(dir, name);
  writeFileSync(path, await fileOf(name.endsWith(".xlsx") ? "xlsx" : "csv", rows));
  return path;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "isms-import-"));
  expect((await isms("user create --email admin@example.com --name Admin")).code).toBe(0);
  expect((await isms("org create Acme --admin admin@example.com")).code).toBe(0);
  const token = JSON.parse((await isms("token create --org Acme --email admin@example.com --name import --json")).stdout).token;
  server = await buildApp({ db: database.db, config: testConfig(), logger: false });
  await server.listen({ port: 0, host: "127.0.0.1" });
  remote = { ISMS_URL: `http://127.0.0.1:${(server.server.address() as { port: number }).port}`, ISMS_TOKEN: token, XDG_CONFIG_HOME: dir };
});
afterAll(async () => {
  await server.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = ["External reference", "Name", "Kind", "Owner", "Confidentiality"];

describe("isms import --template", () => {
  it("prints a register's empty CSV, and writes an XLSX whose first sheet has the header row", async () => {
    const csv = await isms("import --template gap-assessment");
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(
      `${importColumns("gap-assessment", DEFAULT_VALUATION_SCALE)
        .map((c) => c.header)
        .join(",")}\r\n`,
    );
    const path = join(dir, "assets-template.xlsx");
    const xlsx = await isms(`import --template assets -o ${path}`);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(await tableOf("xlsx", readFileSync(path))).toEqual({
      header: importColumns("assets", DEFAULT_VALUATION_SCALE).map((c) => c.header),
      rows: [],
    });
    expect((await isms("import --template assets --format xlsx")).code).toBe(2);
    expect((await isms("import --template risks")).code).toBe(2);
    expect((await isms("import assets")).code).toBe(2);
  });
});

describe("isms import", () => {
  it("prints each problem with its row and column, exits 1 and changes nothing", async () => {
    const file = await writeFile("bad.csv", [HEADER, ["A-1", "Laptop", "hardware", "IT", "2"], ["A-2", "Phone", "gadget", "", "7"]]);
    const result = await isms(`import assets ${file}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("bad.csv: 2 row(s): 1 to create, 0 to update, 0 unchanged\n");
    expect(result.stdout).toContain("row 3, Kind: must be one of: Business process, Information, Hardware");
    expect(result.stdout).toContain("row 3, Confidentiality: must be a level from 1 to 4");
    expect(result.stderr).toBe("isms: the file has 2 problem(s); nothing was imported\n");
    expect(await assetCount()).toBe(0);
  });

  it("changes nothing on a dry run, imports otherwise, and updates by external reference on the next import", async () => {
    const rows = [HEADER, ["A-1", "Laptop", "hardware", "IT", "2"], ["A-2", "Phone", "hardware", "", "High"]];
    const file = await writeFile("good.xlsx", rows);
    const dry = await isms(`import assets ${file} --dry-run`);
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining("dry run: nothing was changed") });
    expect(await assetCount()).toBe(0);
    const done = await isms(`import assets ${file}`);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("imported into Acme: 2 created, 0 updated, 0 unchanged");
    const changed = await writeFile("changed.csv", [HEADER, ["A-2", "Phone", "hardware", "Facilities", "High"]]);
    expect((await isms(`import assets ${changed}`)).stdout).toContain("0 created, 1 updated, 0 unchanged");
    expect(await assetCount()).toBe(2);
  });

  it("refuses a file whose format it cannot tell", async () => {
    const result = await isms(`import assets ${join(dir, "assets.txt")}`);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining("--format csv or --format xlsx") });
  });

  it("reports progress on stderr for a large file", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`BULK-${i}`, `Bulk asset ${i}`, "software", "", ""]);
    const file = await writeFile("bulk.csv", [HEADER, ...rows]);
    const result = await isms(`import assets ${file}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("importing: 1,500 of 1,500 records\n");
    expect(result.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(10);
  });
});

describe("isms export", () => {
  it("writes a file that imports back unchanged, in both formats", async () => {
    for (const format of ["csv", "xlsx"]) {
      const output = join(dir, `export.${format}`);
      expect((await isms(`export assets --output ${output}`)).code).toBe(0);
      expect((await tableOf(format as "csv", readFileSync(output))).rows.length).toBe(await assetCount());
      const back = await isms(`import assets ${output}`);
      expect(back.stdout).toContain(`imported into Acme: 0 created, 0 updated, ${(await assetCount()).toLocaleString("en-US")} unchanged`);
    }
  });

  it("prints CSV on standard output and refuses XLSX there", async () => {
    const csv = await isms("export scope-elements");
    expect(csv).toMatchObject({
      code: 0,
      stdout: "External reference,Kind,Name,Parent,Description,Owner,In scope,Exclusion justification\r\n",
    });
    expect((await isms("export assets --format xlsx")).code).toBe(2);
  });

  it("writes the export-only registers too", async () => {
    const gap = await isms("export gap-assessment");
    expect(gap.code, gap.stderr).toBe(0);
    expect(gap.stdout).toMatch(/^\uFEFF?Item,Kind,Title,Theme,Status,Maturity,/);
    expect(gap.stdout).toContain("A.5.1,control,");
    expect((await isms("export boundary-interfaces")).stdout).toMatch(
      /From element,To element,To party,Data exchanged,Direction,Protection\r\n$/,
    );
  });
});
