import ExcelJS from "exceljs";
import ical from "ical-generator";
import { formatPredecessor, type RowValues, TASK_COLUMNS } from "../../../core/imports/columns.js";
import type { Db } from "../../db/database.js";
import { escapeFormula } from "../../imports/file-format.js";
import { planMembers, presentTasks, readLoad, readSchedule, taskAsInput } from "./plan.repo.js";

const WIDTHS: Record<string, number> = { externalRef: 9, title: 48, description: 40, ownerUserId: 28, predecessors: 28, deliverables: 40 };

/** Text a spreadsheet would run as a formula is written as text. */
const cell = (value: string | null | undefined) => (value == null ? null : escapeFormula(value));

/**
 * The tasks as the task import reads them (TASK_COLUMNS' fields), with their schedule: the first
 * sheet of the plan's workbook and the tasks register's CSV/XLSX export, so both import back.
 * The owner is written by e-mail address, the predecessors as `T-0002; T-0003+2d`.
 */
export async function taskExportRows(db: Db, orgId: string, today: string): Promise<RowValues[]> {
  const [tasks, schedule, members] = await Promise.all([presentTasks(db, orgId), readSchedule(db, orgId, today), planMembers(db, orgId)]);
  const emails = new Map(members.map((m) => [m.id, m.email]));
  const scheduled = new Map(schedule.tasks.map((s) => [s.id, s]));
  return tasks.map((t) => {
    const s = scheduled.get(t.id);
    const { predecessors: _, version: __, ...input } = taskAsInput(t);
    return {
      ...input,
      externalRef: t.ref,
      ownerUserId: t.owner ? (emails.get(t.owner.id) ?? t.owner.name) : null,
      predecessors: t.predecessors.map((p) => formatPredecessor(p.ref, p.lagDays)),
      duration: s?.duration,
      earlyStart: s?.earlyStart,
      earlyFinish: s?.earlyFinish,
      lateStart: s?.lateStart,
      lateFinish: s?.lateFinish,
      slack: s?.slack,
      critical: s?.critical,
    };
  });
}

/**
 * The plan as an XLSX workbook (exceljs): the tasks with their schedule in the task import's
 * columns, the load per person and week, and the calendar. Dates are written as text
 * (YYYY-MM-DD) so they read the same everywhere.
 */
export async function planWorkbook(db: Db, orgId: string, today: string): Promise<Buffer> {
  const [rows, schedule, load] = await Promise.all([
    taskExportRows(db, orgId, today),
    readSchedule(db, orgId, today),
    readLoad(db, orgId, today),
  ]);
  const book = new ExcelJS.Workbook();
  book.creator = "ISMS Workbench";
  const sheet = book.addWorksheet("Plan");
  sheet.columns = TASK_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: WIDTHS[c.field] ?? 13 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const values of rows)
    sheet.addRow(
      Object.fromEntries(
        TASK_COLUMNS.map((c) => {
          const value = values[c.field];
          return [c.field, typeof value === "number" ? value : cell(c.cell.format(value) || null)];
        }),
      ),
    );
  const people = book.addWorksheet("Load");
  people.columns = [
    { header: "Person", key: "name", width: 28 },
    { header: "Week of", key: "week", width: 13 },
    { header: "Planned (person-days)", key: "load", width: 14 },
    { header: "Working days", key: "capacity", width: 12 },
    { header: "Over-allocated", key: "over", width: 14 },
  ];
  people.getRow(1).font = { bold: true };
  for (const p of load.people)
    for (const w of p.weeks)
      people.addRow({ name: cell(p.name), week: w.week, load: w.load, capacity: w.capacity, over: w.overAllocated ? "yes" : "no" });
  const calendar = book.addWorksheet("Calendar");
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  calendar.addRow(["Days not worked", schedule.calendar.weekends.map((d) => days[d]).join(", ")]);
  calendar.addRow(["Holidays", schedule.calendar.holidays.join(", ")]);
  calendar.addRow(["Plan start", schedule.start]);
  calendar.addRow(["Plan finish", schedule.finish]);
  calendar.getColumn(1).width = 18;
  calendar.getColumn(2).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Milestones and due dates as an iCalendar file (ical-generator): one all-day event per
 * milestone and per task with a due date (or, without one, its scheduled finish for milestones).
 */
export async function planCalendar(db: Db, orgId: string, today: string, orgName: string, baseUrl: string): Promise<string> {
  const [tasks, schedule] = await Promise.all([presentTasks(db, orgId), readSchedule(db, orgId, today)]);
  const scheduled = new Map(schedule.tasks.map((s) => [s.id, s]));
  const calendar = ical({
    name: `${orgName}: ISMS implementation plan`,
    prodId: { company: "ISMS Workbench", product: "plan", language: "EN" },
  });
  for (const t of tasks) {
    const day = t.dueDate ?? (t.milestone ? (scheduled.get(t.id)?.earlyFinish ?? null) : null);
    if (!day) continue;
    calendar.createEvent({
      id: `plan-task-${t.id}@isms-workbench`,
      // Noon UTC, so the day is the same in every time zone a client shows it in.
      start: new Date(`${day}T12:00:00Z`),
      allDay: true,
      summary: `${t.milestone ? "Milestone" : "Due"}: ${t.ref} ${t.title}`,
      description: [t.owner ? `Owner: ${t.owner.name}` : null, t.sourceLabel ? `From: ${t.sourceLabel}` : null, `Status: ${t.status}`]
        .filter(Boolean)
        .join("\n"),
      url: `${baseUrl}/orgs/${orgId}/plan`,
    });
  }
  return calendar.toString();
}
