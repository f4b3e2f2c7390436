import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let base: string;

type Task = { id: string; ref: string; title: string; version: number; source: string; sourceId: string | null; status: string };
const activity = async (id: string) =>
  (await admin.get(`${base}/roadmap`)).body.activities.find((a: { id: string }) => a.id === id) as {
    status: string;
    checks: { id: string; ok: boolean; missing: { message: string }[] }[];
  };

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
  const demo = await admin.post("/api/v1/demo");
  base = `/api/v1/orgs/${demo.body.orgId}`;
}, 120_000);
afterAll(async () => server.close());

const all = async (): Promise<Task[]> => (await admin.get(`${base}/plan/tasks?limit=200`)).body.items;

describe("the implementation plan (9.3, 9.5) on the demo organization", () => {
  it("has a task for every included control, a schedule with a critical path and a frozen baseline; 9.3 complete", async () => {
    const soa = (await admin.get(`${base}/soa`)).body;
    const included = soa.rows
      .filter((r: { applicable: boolean }) => r.applicable === true)
      .map((r: { control: { id: string } }) => r.control.id);
    const tasks = await all();
    const planned = new Set(tasks.filter((t) => t.source === "control").map((t) => t.sourceId));
    expect(included.filter((id: string) => planned.has(id)).length).toBeGreaterThan(60);
    // The SoA's implementation status follows from the tasks.
    const inProgress = tasks.find((t) => t.status === "in_progress") as Task;
    expect(soa.rows.find((r: { control: { id: string } }) => r.control.id === inProgress.sourceId).implementation).toBe("partial");
    const schedule = (await admin.get(`${base}/plan/schedule`)).body;
    expect(schedule.critical.length).toBeGreaterThan(0);
    for (const t of schedule.tasks) expect(t.slack === 0).toBe(t.critical);
    expect((await admin.get(`${base}/plan/baselines`)).body.items).toHaveLength(1);
    // Typing another implementation status into the SoA is refused: it follows from the tasks.
    const row = soa.rows.find((r: { control: { id: string } }) => r.control.id === inProgress.sourceId);
    const typed = await admin.request("PATCH", `${base}/soa/controls/${row.control.id}`, {
      implementation: "implemented",
      version: row.version,
    });
    expect(typed.status).toBe(400);
    expect(typed.body.errors.map((e: { field: string }) => e.field)).toEqual(["implementation"]);
    const load = (await admin.get(`${base}/plan/load`)).body.people;
    expect(load[0].weeks.length).toBeGreaterThan(0);
    // The demo passed G4 (asked by the ISMS manager, approved by the CEO) and nothing has changed since.
    const g4 = (await admin.get(`${base}/gates/G4`)).body;
    expect(g4.latest).toMatchObject({ status: "approved", stale: false });
    expect(g4.changes).toEqual([]);
  });

  it("refuses a dependency cycle, naming the tasks in it, and changes nothing", async () => {
    const [a, b] = await all();
    if (!a || !b) throw new Error("demo has tasks");
    const one = (await admin.get(`${base}/plan/tasks/${b.id}`)).body;
    const linked = await admin.request("PATCH", `${base}/plan/tasks/${b.id}`, {
      predecessors: [{ taskId: a.id, lagDays: 2 }],
      version: one.version,
    });
    expect(linked.status).toBe(200);
    const first = (await admin.get(`${base}/plan/tasks/${a.id}`)).body;
    const cycle = await admin.request("PATCH", `${base}/plan/tasks/${a.id}`, {
      predecessors: [{ taskId: b.id, lagDays: 0 }],
      version: first.version,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.detail).toContain(`${a.ref} "${a.title}"`);
    expect(cycle.body.detail).toContain(`${b.ref} "${b.title}"`);
    expect((await admin.get(`${base}/plan/tasks/${a.id}`)).body.version).toBe(first.version);
    const self = await admin.request("PATCH", `${base}/plan/tasks/${a.id}`, { predecessors: [{ taskId: a.id }], version: first.version });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe("predecessors.0.taskId");
  });

  it("validates fields by name: dates in order, owner a member, a control task names a control", async () => {
    const bad = await admin.post(`${base}/plan/tasks`, {
      title: "Bad",
      source: "control",
      sourceId: "A.99.1",
      startDate: "2027-03-10",
      dueDate: "2027-03-01",
      ownerUserId: "01890000-0000-7000-8000-000000000000",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["dueDate", "ownerUserId", "sourceId"]);
  });

  it("9.5 names the tasks without an owner or dates; a slipped task shows against the baseline", async () => {
    const created = await admin.post(`${base}/plan/tasks`, { title: "Unplanned work", effortDays: 3 });
    expect(created.status).toBe(201);
    expect(created.body.ref).toMatch(/^T-\d{4}$/);
    const check = (await activity("9.5")).checks.find((c) => c.id === "tasks-scheduled");
    expect(check?.missing.map((m) => m.message)).toContain(
      `Task ${created.body.ref} "Unplanned work" needs an owner and a start date and a due date.`,
    );
    const tasks = (await admin.get(`${base}/plan/schedule`)).body.tasks;
    const last = tasks.find((t: { critical: boolean; milestone: boolean }) => t.critical);
    const current = (await admin.get(`${base}/plan/tasks/${last.id}`)).body;
    const moved = await admin.request("PATCH", `${base}/plan/tasks/${last.id}`, {
      effortDays: 30,
      startDate: null,
      dueDate: null,
      version: current.version,
    });
    expect(moved.status).toBe(200);
    const comparison = (await admin.get(`${base}/plan/comparison`)).body;
    expect(comparison.baseline.number).toBe(1);
    expect(comparison.added.map((t: { ref: string }) => t.ref)).toContain(created.body.ref);
    expect(comparison.slipped.length).toBeGreaterThan(0);
  });

  it("G4: approved in the demo, it binds the plan and the ISMS design, and goes stale naming the record and field that changed", async () => {
    type Change = { record: { list: string; id: string; ref: string | null; title: string | null } | null; field: string; kind: string };
    const gate = async () =>
      (await admin.get(`${base}/gates/G4`)).body as {
        latest: { status: string; stale: boolean } | null;
        snapshot: Record<string, unknown>;
        changes: Change[];
      };
    const before = await gate();
    expect(before.latest?.status).toBe("approved");
    // Earlier tests of this file moved tasks, so it may already be stale; it names only tasks then.
    for (const c of before.changes) expect(["tasks", "predecessors"]).toContain(c.record?.list);
    expect(Object.keys(before.snapshot)).toEqual(["tasks", "calendar", "roles", "committees", "sodRules", "documents"]);
    for (const key of ["tasks", "roles", "sodRules", "documents"])
      for (const item of before.snapshot[key] as { id: unknown }[]) expect(typeof item.id).toBe("string");
    // A segregation-of-duties rule changed: the change names the rule and the field.
    const rules = (await admin.get(`${base}/sod-rules`)).body;
    const [first, ...rest] = rules.rules;
    const put = await admin.request("PUT", `${base}/sod-rules`, {
      rules: [{ ...first, title: `${first.title} (edited)` }, ...rest],
      version: rules.version,
    });
    expect(put.status).toBe(200);
    const edited = await gate();
    expect(edited.latest?.stale).toBe(true);
    const change = edited.changes.find((c) => c.record?.list === "sodRules");
    expect(change).toMatchObject({ record: { id: first.id, title: `${first.title} (edited)` }, field: "title", kind: "changed" });
    // A task changed: named by reference and title, with the field.
    const [t] = await all();
    if (!t) throw new Error("tasks");
    const one = (await admin.get(`${base}/plan/tasks/${t.id}`)).body;
    expect((await admin.request("PATCH", `${base}/plan/tasks/${t.id}`, { cost: 123_456, version: one.version })).status).toBe(200);
    const after = await gate();
    expect(after.latest?.stale).toBe(true);
    expect(after.changes).toContainEqual(
      expect.objectContaining({
        record: expect.objectContaining({ list: "tasks", ref: t.ref, title: t.title }),
        field: "cost",
        kind: "changed",
      }),
    );
  });

  it("the calendar: weekends and holidays per organization; a week without working days is refused", async () => {
    const cal = (await admin.get(`${base}/plan/calendar`)).body;
    expect(cal.holidays).toContain("2027-12-25");
    const none = await admin.request("PUT", `${base}/plan/calendar`, {
      weekends: [0, 1, 2, 3, 4, 5, 6],
      holidays: [],
      version: cal.version,
    });
    expect(none.status).toBe(400);
    const ok = await admin.request("PUT", `${base}/plan/calendar`, { weekends: [5, 6], holidays: [], version: cal.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ weekends: [5, 6], version: cal.version + 1 });
  });

  it("exports the plan as an XLSX workbook and its milestones and due dates as iCalendar, as attachments", async () => {
    const token = (await admin.post(`${base}/tokens`, { name: "plan downloads" })).body.token as string;
    const xlsx = await fetch(`${server.url}${base}/plan/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="isms-plan.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.getWorksheet("Plan");
    const tasks = await all();
    expect(sheet?.rowCount).toBe(tasks.length + 1);
    // The first sheet has the task import's columns, so the workbook imports back (test/api/task-import.test.ts).
    const header = ((sheet?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(header.slice(0, 2)).toEqual(["Ref", "Title"]);
    const column = (name: string) => header.indexOf(name) + 1;
    const critical = (await admin.get(`${base}/plan/schedule`)).body.tasks.find((t: { critical: boolean }) => t.critical);
    const row = sheet?.getRows(2, tasks.length)?.find((r) => r.getCell(1).value === critical.ref);
    expect(row?.getCell(column("Critical")).value).toBe("yes");
    expect(row?.getCell(column("Early start")).value).toBe(critical.earlyStart);
    expect(book.getWorksheet("Load")?.rowCount).toBeGreaterThan(1);
    const ics = await admin.get(`${base}/plan/export.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const text = String(ics.body);
    expect(text).toContain("BEGIN:VCALENDAR");
    const due = tasks.find((t) => (t as Task & { dueDate: string | null }).dueDate) as Task & { dueDate: string };
    expect(text).toContain(`${due.ref} `);
    expect(text).toContain(`DTSTART;VALUE=DATE:${due.dueDate.replaceAll("-", "")}`);
  });
});
