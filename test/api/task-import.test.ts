import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileFormat } from "../../src/contracts/imports.js";
import { fileOf, tableOf } from "../helpers/import-files.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

/** Import of implementation tasks (CSV, XLSX) through the imports framework: preview, then commit, all or nothing. */
let server: TestServer;
let admin: ApiClient;
let orgId: string;
let base: string;

type Task = {
  id: string;
  ref: string;
  title: string;
  source: string;
  sourceId: string | null;
  owner: { id: string; name: string } | null;
  effortDays: number | null;
  cost: number | null;
  startDate: string | null;
  dueDate: string | null;
  status: string;
  deliverables: string[];
  predecessors: { ref: string; lagDays: number }[];
  version: number;
};

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  await addMember(server, admin, orgId, "pat@example.com", "contributor", "Pat Planner");
}, 60_000);
afterAll(async () => server.close());

const HEADER = [
  "Ref",
  "Title",
  "Source",
  "Source reference",
  "Owner",
  "Effort (person-days)",
  "Cost",
  "Planned start",
  "Due",
  "Status",
  "Predecessors",
];

async function preview(rows: string[][], format: FileFormat = "csv", bytes?: Buffer) {
  const contentBase64 = (bytes ?? (await fileOf(format, rows))).toString("base64");
  return admin.post(`${base}/imports/tasks/preview`, { filename: `tasks.${format}`, format, contentBase64 });
}
const commit = (id: string) => admin.post(`${base}/imports/${id}/commit`);
const tasks = async (): Promise<Task[]> => (await admin.get(`${base}/plan/tasks?limit=200`)).body.items;
const byTitle = async () => new Map((await tasks()).map((t) => [t.title, t]));

async function importRows(rows: string[][], format: FileFormat = "csv", bytes?: Buffer) {
  const previewed = await preview(rows, format, bytes);
  expect(previewed.status, JSON.stringify(previewed.body)).toBe(201);
  expect(previewed.body.errors).toEqual([]);
  const committed = await commit(previewed.body.id);
  expect(committed.status, JSON.stringify(committed.body)).toBe(200);
  return committed.body;
}

describe("task import", () => {
  it("creates tasks with owners by e-mail and dependencies on rows of the same file, with lags", async () => {
    const job = await importRows([
      HEADER,
      ["", "Write the access policy", "control", "A.5.15", "pat@example.com", "3", "1500.5", "2027-03-01", "2027-03-31", "in progress", ""],
      ["", "Review access rights", "control", "A.5.18", "admin@example.com", "2", "", "", "", "", "Write the access policy+2d"],
      ["", "Access control live", "", "", "", "", "", "", "2027-05-01", "", "Write the access policy; Review access rights"],
    ]);
    expect(job).toMatchObject({ status: "committed", create: 3, update: 0 });
    const t = await byTitle();
    const policy = t.get("Write the access policy") as Task;
    const review = t.get("Review access rights") as Task;
    const live = t.get("Access control live") as Task;
    expect(policy).toMatchObject({
      ref: "T-0001",
      source: "control",
      sourceId: "A.5.15",
      owner: { name: "Pat Planner" },
      effortDays: 3,
      cost: 1500.5,
      startDate: "2027-03-01",
      dueDate: "2027-03-31",
      status: "in_progress",
    });
    expect(review).toMatchObject({
      ref: "T-0002",
      status: "planned",
      owner: { name: "Admin" },
      predecessors: [{ ref: "T-0001", lagDays: 2 }],
    });
    expect(live.source).toBe("other");
    expect(live.predecessors.map((p) => p.ref).sort()).toEqual(["T-0001", "T-0002"]);
    // Every write is audited: the tasks, their dependencies and the import itself.
    const audit = (await admin.get(`${base}/audit?limit=200`)).body.items as { action: string }[];
    const actions = audit.map((e) => e.action);
    expect(actions.filter((a) => a === "plan task.created")).toHaveLength(3);
    expect(actions.filter((a) => a === "plan dependency.created")).toHaveLength(3);
    expect(actions).toContain("import.committed");
  });

  it("refuses a dependency cycle naming it, and writes nothing", async () => {
    const before = await tasks();
    const response = await preview([
      ["Ref", "Title", "Predecessors"],
      ["T-0001", "Write the access policy", "Access control live"],
      ["", "Extra step", ""],
    ]);
    expect(response.status).toBe(201);
    expect(response.body.errors).toEqual([
      {
        row: 2,
        column: "Predecessors",
        message: expect.stringMatching(
          /^the dependencies would form a cycle, which has no schedule: T-0\d{3} ".+" → .*T-0001 "Write the access policy"/,
        ),
      },
    ]);
    expect(response.body.errors[0].message).toContain('T-0003 "Access control live"');
    expect((await commit(response.body.id)).status).toBe(409);
    expect(await tasks()).toEqual(before);
  });

  it("lists every problem of every row by row and column", async () => {
    const before = await tasks();
    const response = await preview([
      HEADER,
      ["", "", "control", "A.99.1", "nobody@example.com", "lots", "-1", "2027-04-01", "2027-03-01", "done", "T-0404; T-0001+x"],
      ["T-0999", "Imported with a made-up reference", "", "", "", "", "", "31.12.2027", "", "", ""],
      ["", "Depends on itself", "", "", "", "", "", "", "", "", "Depends on itself"],
    ]);
    expect(response.status).toBe(201);
    const errors = response.body.errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => e.column);
    expect(at(2).sort()).toEqual(["Cost", "Effort (person-days)", "Owner", "Predecessors", "Predecessors", "Status", "Title"]);
    expect(errors).toContainEqual({ row: 2, column: "Predecessors", message: 'no task has the external reference or name "T-0404"' });
    expect(errors).toContainEqual({ row: 2, column: "Predecessors", message: expect.stringContaining("a lag is written as +") });
    expect(errors).toContainEqual({
      row: 2,
      column: "Owner",
      message: 'no member has the external reference or name "nobody@example.com"',
    });
    expect(errors).toContainEqual({ row: 2, column: "Status", message: "must be one of: Planned, In progress, Implemented, Verified" });
    expect(at(3).sort()).toEqual(["Planned start", "Ref"]);
    expect(errors).toContainEqual({ row: 4, column: "Predecessors", message: '"Depends on itself": a task cannot depend on itself' });
    expect((await commit(response.body.id)).status).toBe(409);
    expect(await tasks()).toEqual(before);
    // The rules a row alone cannot break are checked too: a due date before the start, a control not in the catalogue.
    const ruled = await preview([HEADER, ["", "Backwards", "control", "A.99.1", "", "", "", "2027-04-01", "2027-03-01", "", ""]]);
    expect(ruled.body.errors).toEqual([
      { row: 2, column: "Due", message: "must not be before the start date" },
      { row: 2, column: "Source reference", message: expect.stringContaining("must name a control of the organization") },
    ]);
  });

  it("reads XLSX and semicolon-separated CSV, and updates tasks by reference", async () => {
    await importRows(
      [
        ["Ref", "Title", "Status", "Predecessors"],
        ["T-0002", "Review access rights", "implemented", "T-0001+5d"],
        ["", "Train the admins", "", "T-0002"],
      ],
      "xlsx",
    );
    const t = await byTitle();
    expect(t.get("Review access rights")).toMatchObject({
      status: "implemented",
      version: 2,
      predecessors: [{ ref: "T-0001", lagDays: 5 }],
    });
    expect(t.get("Train the admins")).toMatchObject({ ref: "T-0004", predecessors: [{ ref: "T-0002", lagDays: 0 }] });
    const semicolons = Buffer.from("Ref;Title;Effort (person-days)\nT-0004;Train the admins;1.5\n", "utf8");
    await importRows([], "csv", semicolons);
    expect((await byTitle()).get("Train the admins")?.effortDays).toBe(1.5);
  });

  it("imports an export of the tasks register and the plan's workbook back unchanged", async () => {
    const before = await tasks();
    const token = (await admin.post(`${base}/tokens`, { name: "downloads" })).body.token;
    const get = async (path: string) =>
      Buffer.from(await (await fetch(`${server.url}${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
    for (const format of ["csv", "xlsx"] as const) {
      const bytes = await get(`/exports/tasks?format=${format}`);
      const table = await tableOf(format, bytes);
      expect(table.header.slice(0, 4)).toEqual(["Ref", "Title", "Description", "Source"]);
      expect(table.rows.find((r) => r[0] === "T-0003")?.[table.header.indexOf("Predecessors")]).toMatch(
        /^T-000[12](\+5d)?; T-000[12](\+5d)?$/,
      );
      expect(table.rows.find((r) => r[0] === "T-0002")?.[table.header.indexOf("Predecessors")]).toBe("T-0001+5d");
      expect(table.rows.find((r) => r[0] === "T-0001")?.[table.header.indexOf("Owner")]).toBe("pat@example.com");
      const job = await importRows([], format, bytes);
      expect(job).toMatchObject({ create: 0, update: 0, unchanged: before.length });
    }
    const workbook = await get("/plan/export.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Plan", "Load", "Calendar"]);
    expect(await importRows([], "xlsx", workbook)).toMatchObject({ create: 0, update: 0, unchanged: before.length });
    expect(await tasks()).toEqual(before);
  });

  it("offers a template with the task columns", async () => {
    const response = await fetch(`${server.url}${base}/imports/tasks/template?format=csv`, {
      headers: { authorization: `Bearer ${(await admin.post(`${base}/tokens`, { name: "template" })).body.token}` },
    });
    expect(response.status).toBe(200);
    expect((await response.text()).split(/\r?\n/)[0]).toContain("Ref,Title,Description,Source,Source reference,Owner");
  });
});
