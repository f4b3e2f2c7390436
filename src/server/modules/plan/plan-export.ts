import ExcelJS from "exceljs";
import ical from "ical-generator";
import type { Db } from "../../db/database.js";
import { escapeFormula } from "../../imports/file-format.js";
import { presentTasks, readLoad, readSchedule } from "./plan.repo.js";

/** Text a spreadsheet would run as a formula is written as text. */
const cell = (value: string | null | undefined) => (value == null ? null : escapeFormula(value));

/**
 * The plan as an XLSX workbook (exceljs): the tasks with their schedule, the load per person and
 * week, and the calendar. Dates are written as text (YYYY-MM-DD) so they read the same everywhere.
 */
export async function planWorkbook(db: Db, orgId: string, today: string): Promise<Buffer> {
  const [tasks, schedule, load] = await Promise.all([presentTasks(db, orgId), readSchedule(db, orgId, today), readLoad(db, orgId, today)]);
  const scheduled = new Map(schedule.tasks.map((s) => [s.id, s]));
  const book = new ExcelJS.Workbook();
  book.creator = "ISMS Workbench";
  const sheet = book.addWorksheet("Plan");
  sheet.columns = [
    { header: "Ref", key: "ref", width: 9 },
    { header: "Title", key: "title", width: 48 },
    { header: "Owner", key: "owner", width: 24 },
    { header: "Status", key: "status", width: 13 },
    { header: "Milestone", key: "milestone", width: 10 },
    { header: "Effort (person-days)", key: "effort", width: 12 },
    { header: "Cost", key: "cost", width: 12 },
    { header: "Planned start", key: "start", width: 13 },
    { header: "Due", key: "due", width: 13 },
    { header: "Predecessors", key: "predecessors", width: 28 },
    { header: "Source", key: "source", width: 36 },
    { header: "Duration (working days)", key: "duration", width: 12 },
    { header: "Early start", key: "es", width: 13 },
    { header: "Early finish", key: "ef", width: 13 },
    { header: "Late start", key: "ls", width: 13 },
    { header: "Late finish", key: "lf", width: 13 },
    { header: "Slack (working days)", key: "slack", width: 10 },
    { header: "Critical", key: "critical", width: 9 },
    { header: "Deliverables", key: "deliverables", width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const t of tasks) {
    const s = scheduled.get(t.id);
    sheet.addRow({
      ref: t.ref,
      title: cell(t.title),
      owner: cell(t.owner?.name),
      status: t.status,
      milestone: t.milestone ? "yes" : "no",
      effort: t.effortDays,
      cost: t.cost,
      start: t.startDate,
      due: t.dueDate,
      predecessors: t.predecessors.map((p) => (p.lagDays ? `${p.ref}+${p.lagDays}` : p.ref)).join(", "),
      source: cell(t.sourceLabel),
      duration: s?.duration,
      es: s?.earlyStart,
      ef: s?.earlyFinish,
      ls: s?.lateStart,
      lf: s?.lateFinish,
      slack: s?.slack,
      critical: s?.critical ? "yes" : "no",
      deliverables: cell(t.deliverables.join("; ")),
    });
  }
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
