import type { z } from "zod";
import type { TaskInput, TaskSchema } from "../../../contracts/plan.js";
import { uuidv7 } from "../../../core/ids.js";
import { STATUS_PROGRESS, type TaskStatus } from "../../../core/plan/tasks.js";
import { type BaselineItem, compareBaseline } from "../../../core/schedule/baseline.js";
import { DEFAULT_CALENDAR } from "../../../core/schedule/calendar.js";
import { findCycle } from "../../../core/schedule/cpm.js";
import { type PlanTask, personLoad, schedulePlan } from "../../../core/schedule/plan.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { listControls } from "../controls/index.js";
import type { PlanTasksTable } from "./plan.tables.js";
import "./plan.tables.js";

export const TASK = "plan task";
export const LINK = "plan dependency";

type Task = z.infer<typeof TaskSchema>;

export async function loadTasks(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  const [tasks, links] = await Promise.all([
    k.selectFrom("plan_tasks").selectAll().where("org_id", "=", orgId).orderBy("number").execute(),
    k.selectFrom("plan_dependencies").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
  ]);
  return { tasks, links };
}

/** The organization's members: who may own a task. */
export async function planMembers(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name", "u.email"])
    .where("m.org_id", "=", orgId)
    .execute();
}

async function names(db: Db | WriteContext, orgId: string): Promise<Map<string, string>> {
  return new Map((await planMembers(db, orgId)).map((r) => [r.id, r.display_name || r.email]));
}

async function sourceLabels(db: Db | WriteContext, orgId: string): Promise<Map<string, string>> {
  const k = reader(db);
  const [controls, milestones, risks] = await Promise.all([
    listControls(db, orgId),
    k.selectFrom("milestones").select(["id", "title"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("risks").select(["id", "ref", "title"]).where("org_id", "=", orgId).execute(),
  ]);
  return new Map([
    ...controls.map((c): [string, string] => [`control:${c.id}`, `${c.ref} ${c.title}`]),
    ...milestones.map((m): [string, string] => [`milestone:${m.id}`, m.title]),
    ...risks.map((r): [string, string] => [`risk:${r.id}`, `${r.ref} ${r.title}`]),
  ]);
}

export const asPlanTask = (t: PlanTasksTable): PlanTask => ({
  id: t.id,
  ref: t.ref,
  title: t.title,
  ownerId: t.owner_user_id,
  effortDays: t.effort_days === null ? null : Number(t.effort_days),
  start: t.start_date,
  due: t.due_date,
  milestone: t.milestone === 1,
});

/** Every task of the organization as the API shows it (the plan is read whole: the schedule needs all of it). */
export async function presentTasks(db: Db | WriteContext, orgId: string, only?: string): Promise<Task[]> {
  const [{ tasks, links }, people, labels] = await Promise.all([loadTasks(db, orgId), names(db, orgId), sourceLabels(db, orgId)]);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return tasks
    .filter((t) => only === undefined || t.id === only)
    .map((t) => ({
      id: t.id,
      ref: t.ref,
      title: t.title,
      description: t.description,
      source: t.source as Task["source"],
      sourceId: t.source_id,
      sourceLabel: t.source_id ? (labels.get(`${t.source}:${t.source_id}`) ?? null) : null,
      owner: t.owner_user_id ? { id: t.owner_user_id, name: people.get(t.owner_user_id) ?? "former member" } : null,
      effortDays: t.effort_days === null ? null : Number(t.effort_days),
      cost: t.cost === null ? null : Number(t.cost),
      startDate: t.start_date,
      dueDate: t.due_date,
      milestone: t.milestone === 1,
      status: t.status as TaskStatus,
      progress: STATUS_PROGRESS[t.status as TaskStatus] ?? 0,
      deliverables: JSON.parse(t.deliverables) as string[],
      predecessors: links
        .filter((l) => l.successor_id === t.id)
        .map((l) => {
          const p = byId.get(l.predecessor_id);
          return { id: l.predecessor_id, ref: p?.ref ?? "?", title: p?.title ?? "?", lagDays: l.lag_days };
        }),
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      version: t.version,
    }));
}

export async function readTask(db: Db | WriteContext, orgId: string, id: string): Promise<Task> {
  const [task] = await presentTasks(db, orgId, id);
  if (!task) throw notFound(TASK);
  return task;
}

/** The input fields a task as GET shows it maps back to. */
export const taskAsInput = (t: Task): TaskInput & { version: number } => ({
  title: t.title,
  description: t.description,
  source: t.source,
  sourceId: t.sourceId,
  ownerUserId: t.owner?.id ?? null,
  effortDays: t.effortDays,
  cost: t.cost,
  startDate: t.startDate,
  dueDate: t.dueDate,
  milestone: t.milestone,
  status: t.status,
  deliverables: t.deliverables,
  predecessors: t.predecessors.map((p) => ({ taskId: p.id, lagDays: p.lagDays })),
  version: t.version,
});

async function check(ctx: WriteContext, orgId: string, input: TaskInput, id: string | null): Promise<void> {
  const sourced = input.source === "control" || input.source === "milestone" || input.source === "risk";
  const errors = taskProblems(input, sourced ? await taskSourceIds(ctx, orgId) : NO_SOURCES);
  if (input.ownerUserId && !(await names(ctx, orgId)).has(input.ownerUserId))
    errors.push({ field: "ownerUserId", message: "is not a member of this organization" });
  const seen = new Set<string>();
  const ids = input.predecessors.map((p) => p.taskId);
  const existing = ids.length
    ? new Set(
        (await ctx.trx.selectFrom("plan_tasks").select("id").where("org_id", "=", orgId).where("id", "in", ids).execute()).map((r) => r.id),
      )
    : new Set<string>();
  input.predecessors.forEach((p, i) => {
    if (p.taskId === id) errors.push({ field: `predecessors.${i}.taskId`, message: "a task cannot depend on itself" });
    else if (!existing.has(p.taskId)) errors.push({ field: `predecessors.${i}.taskId`, message: "is not a task of this plan" });
    else if (seen.has(p.taskId)) errors.push({ field: `predecessors.${i}.taskId`, message: "is listed twice" });
    seen.add(p.taskId);
  });
  if (errors.length > 0) throw badRequest(`the task cannot be saved: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}

/** The ids a task's source may name, by source, as `check` reads them: what a task import checks its rows against. */
export type TaskSources = Record<"control" | "milestone" | "risk", ReadonlySet<string>>;
const NO_SOURCES: TaskSources = { control: new Set(), milestone: new Set(), risk: new Set() };

/**
 * A task's own rules: due no earlier than it starts, and a source that names a control,
 * milestone or risk of the organization. The one check for the API's write of a task and an
 * import's of many; `sources` holds what the organization has.
 */
export function taskProblems(
  task: Pick<TaskInput, "startDate" | "dueDate" | "source" | "sourceId">,
  sources: TaskSources,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (task.startDate && task.dueDate && task.dueDate < task.startDate)
    problems.push({ field: "dueDate", message: "must not be before the start date" });
  if (task.source === "control") {
    if (!task.sourceId || !sources.control.has(task.sourceId))
      problems.push({ field: "sourceId", message: "must name a control of the organization (e.g. A.5.15) for a control task" });
  } else if (task.source === "milestone" || task.source === "risk") {
    if (!task.sourceId || !sources[task.source].has(task.sourceId))
      problems.push({ field: "sourceId", message: `must name a ${task.source} of this organization` });
  }
  return problems;
}

export async function taskSourceIds(db: Db | WriteContext, orgId: string): Promise<TaskSources> {
  const k = reader(db);
  const [controls, milestones, risks] = await Promise.all([
    listControls(db, orgId),
    k.selectFrom("milestones").select("id").where("org_id", "=", orgId).execute(),
    k.selectFrom("risks").select("id").where("org_id", "=", orgId).execute(),
  ]);
  return {
    control: new Set(controls.map((c) => c.id)),
    milestone: new Set(milestones.map((m) => m.id)),
    risk: new Set(risks.map((r) => r.id)),
  };
}

/** Blank text is stored as none, as a spreadsheet's blank cell reads, so an exported plan imports back unchanged. */
const blankAsNull = (text: string | null) => (text === null || text.trim() === "" ? null : text);

const toRow = (input: TaskInput) => ({
  title: input.title,
  description: blankAsNull(input.description),
  source: input.source,
  source_id: blankAsNull(input.sourceId),
  owner_user_id: input.ownerUserId,
  effort_days: input.effortDays,
  cost: input.cost,
  start_date: input.startDate,
  due_date: input.dueDate,
  milestone: input.milestone ? 1 : 0,
  status: input.status,
  deliverables: JSON.stringify(input.deliverables),
});

/** Replaces a task's predecessors, then refuses the write if the dependencies now form a cycle (named by reference and title). */
async function setPredecessors(ctx: WriteContext, orgId: string, taskId: string, wanted: TaskInput["predecessors"]): Promise<void> {
  const current = await ctx.trx
    .selectFrom("plan_dependencies")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("successor_id", "=", taskId)
    .execute();
  const want = new Map(wanted.map((p) => [p.taskId, p.lagDays]));
  for (const link of current) {
    const lag = want.get(link.predecessor_id);
    if (lag === undefined) await deleteAudited(ctx, "plan_dependencies", link.id, { orgId, entityType: LINK, scope: { org_id: orgId } });
    else if (lag !== link.lag_days)
      await updateAudited(ctx, "plan_dependencies", link.id, { lag_days: lag }, { orgId, entityType: LINK, scope: { org_id: orgId } });
  }
  const had = new Set(current.map((l) => l.predecessor_id));
  for (const [predecessorId, lag] of want) {
    if (had.has(predecessorId)) continue;
    await insertAudited(
      ctx,
      "plan_dependencies",
      {
        id: uuidv7(),
        org_id: orgId,
        predecessor_id: predecessorId,
        successor_id: taskId,
        lag_days: lag,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      },
      { orgId, entityType: LINK },
    );
  }
  const { tasks, links } = await loadTasks(ctx, orgId);
  const cycle = findCycle(
    tasks.map((t) => t.id),
    links.map((l) => ({ from: l.predecessor_id, to: l.successor_id, lag: l.lag_days })),
  );
  if (cycle) {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const named = cycle.map((id) => `${byId.get(id)?.ref} "${byId.get(id)?.title}"`).join(" → ");
    throw badRequest(`the dependencies would form a cycle, which has no schedule: ${named}`, [
      { field: "predecessors", message: `would form the cycle ${named}` },
    ]);
  }
}

export async function createTask(ctx: WriteContext, orgId: string, input: TaskInput): Promise<string> {
  const number = await nextNumber(ctx, "plan_tasks", orgId);
  await check(ctx, orgId, input, null);
  const id = uuidv7();
  await insertAudited(
    ctx,
    "plan_tasks",
    {
      id,
      org_id: orgId,
      number,
      ref: `T-${String(number).padStart(4, "0")}`,
      ...toRow(input),
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    },
    { orgId, entityType: TASK },
  );
  await setPredecessors(ctx, orgId, id, input.predecessors);
  return id;
}

export async function updateTask(ctx: WriteContext, orgId: string, id: string, input: TaskInput, version: number): Promise<void> {
  await check(ctx, orgId, input, id);
  await updateAudited(ctx, "plan_tasks", id, toRow(input), { orgId, entityType: TASK, expectedVersion: version, scope: { org_id: orgId } });
  await setPredecessors(ctx, orgId, id, input.predecessors);
}

export async function deleteTask(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  const links = await ctx.trx
    .selectFrom("plan_dependencies")
    .select("id")
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("predecessor_id", "=", id), eb("successor_id", "=", id)]))
    .execute();
  for (const l of links) await deleteAudited(ctx, "plan_dependencies", l.id, { orgId, entityType: LINK, scope: { org_id: orgId } });
  await deleteAudited(ctx, "plan_tasks", id, { orgId, entityType: TASK, scope: { org_id: orgId } });
}

// --- calendar -------------------------------------------------------------------------------------

export async function readCalendar(
  db: Db | WriteContext,
  orgId: string,
): Promise<{ weekends: number[]; holidays: string[]; version: number }> {
  const row = await reader(db).selectFrom("plan_settings").selectAll().where("id", "=", orgId).executeTakeFirst();
  if (!row) return { ...DEFAULT_CALENDAR, weekends: [...DEFAULT_CALENDAR.weekends], holidays: [], version: 0 };
  return { weekends: JSON.parse(row.weekends) as number[], holidays: JSON.parse(row.holidays) as string[], version: row.version };
}

export async function writeCalendar(ctx: WriteContext, orgId: string, input: { weekends: number[]; holidays: string[]; version: number }) {
  const values = {
    weekends: JSON.stringify([...new Set(input.weekends)].sort()),
    holidays: JSON.stringify([...new Set(input.holidays)].sort()),
  };
  const existing = await ctx.trx.selectFrom("plan_settings").select(["id", "version"]).where("id", "=", orgId).executeTakeFirst();
  if ((existing?.version ?? 0) !== input.version)
    throw conflict(`the calendar was changed by someone else (you sent version ${input.version}, it is now at ${existing?.version ?? 0})`);
  if (existing)
    await updateAudited(ctx, "plan_settings", orgId, values, { orgId, entityType: "plan calendar", expectedVersion: input.version });
  else
    await insertAudited(
      ctx,
      "plan_settings",
      { id: orgId, org_id: orgId, ...values, created_at: ctx.now, updated_at: ctx.now, version: 1 },
      { orgId, entityType: "plan calendar" },
    );
}

// --- schedule, load, baselines --------------------------------------------------------------------

export async function computeSchedule(db: Db | WriteContext, orgId: string, today: string) {
  const [{ tasks, links }, calendar, people] = await Promise.all([loadTasks(db, orgId), readCalendar(db, orgId), names(db, orgId)]);
  const planTasks = tasks.map(asPlanTask);
  const result = schedulePlan(
    planTasks,
    links.map((l) => ({ predecessorId: l.predecessor_id, successorId: l.successor_id, lagDays: l.lag_days })),
    calendar,
    today,
  );
  return { tasks, links, calendar, people, planTasks, result };
}

export async function readSchedule(db: Db, orgId: string, today: string) {
  const { tasks, links, calendar, people, result } = await computeSchedule(db, orgId, today);
  if (!result.ok) {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    throw conflict(
      `the dependencies form a cycle: ${result.cycle.map((id) => `${byId.get(id)?.ref} "${byId.get(id)?.title}"`).join(" → ")}`,
    );
  }
  const scheduled = new Map(result.tasks.map((s) => [s.id, s]));
  return {
    start: result.start,
    finish: result.finish,
    today,
    tasks: tasks.map((t) => {
      const s = scheduled.get(t.id) as (typeof result.tasks)[number];
      return {
        id: t.id,
        ref: t.ref,
        title: t.title,
        ownerName: t.owner_user_id ? (people.get(t.owner_user_id) ?? "former member") : null,
        milestone: t.milestone === 1,
        status: t.status as TaskStatus,
        progress: STATUS_PROGRESS[t.status as TaskStatus] ?? 0,
        duration: s.duration,
        earlyStart: s.earlyStart,
        earlyFinish: s.earlyFinish,
        lateStart: s.lateStart,
        lateFinish: s.lateFinish,
        slack: s.slack,
        critical: s.critical,
        dueDate: t.due_date,
        late: t.due_date !== null && s.earlyFinish > t.due_date,
      };
    }),
    links: links.map((l) => ({
      id: l.id,
      from: l.predecessor_id,
      to: l.successor_id,
      lagDays: l.lag_days,
      critical: Boolean(scheduled.get(l.predecessor_id)?.critical && scheduled.get(l.successor_id)?.critical),
    })),
    critical: result.critical,
    calendar,
    effortDays: tasks.reduce((s, t) => s + Number(t.effort_days ?? 0), 0),
    cost: tasks.reduce((s, t) => s + Number(t.cost ?? 0), 0),
  };
}

export async function readLoad(db: Db, orgId: string, today: string) {
  const { planTasks, calendar, people, result } = await computeSchedule(db, orgId, today);
  if (!result.ok) throw conflict("the dependencies form a cycle: the plan has no schedule");
  return {
    people: personLoad(planTasks, result.tasks, calendar, result.start).map((p) => ({
      ...p,
      name: people.get(p.ownerId) ?? "former member",
    })),
  };
}

async function currentItems(db: Db | WriteContext, orgId: string, today: string): Promise<BaselineItem[]> {
  const { tasks, result } = await computeSchedule(db, orgId, today);
  if (!result.ok) throw conflict("the dependencies form a cycle: the plan has no schedule to freeze or compare");
  const scheduled = new Map(result.tasks.map((s) => [s.id, s]));
  return tasks.map((t) => ({
    id: t.id,
    ref: t.ref,
    title: t.title,
    milestone: t.milestone === 1,
    start: scheduled.get(t.id)?.earlyStart ?? "",
    finish: scheduled.get(t.id)?.earlyFinish ?? "",
  }));
}

const presentBaseline = (row: {
  id: string;
  number: number;
  note: string | null;
  created_by_label: string;
  created_at: string;
  snapshot: string;
}) => {
  const items = JSON.parse(row.snapshot) as BaselineItem[];
  return {
    id: row.id,
    number: row.number,
    note: row.note,
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    items: items.length,
    finish: items.reduce<string | null>((m, i) => (m === null || i.finish > m ? i.finish : m), null),
  };
};

export async function freezeBaseline(ctx: WriteContext, orgId: string, note: string | null, by: string, today: string) {
  const number = await nextNumber(ctx, "plan_baselines", orgId);
  const items = await currentItems(ctx, orgId, today);
  if (items.length === 0) throw conflict("the plan has no tasks to freeze");
  const row = { id: uuidv7(), org_id: orgId, number, note, snapshot: JSON.stringify(items), created_by_label: by, created_at: ctx.now };
  await insertAudited(ctx, "plan_baselines", row, { orgId, entityType: "plan baseline", action: "plan baseline.frozen" });
  return presentBaseline(row);
}

export async function listBaselines(db: Db, orgId: string) {
  const rows = await db.kysely.selectFrom("plan_baselines").selectAll().where("org_id", "=", orgId).orderBy("number", "desc").execute();
  return { items: rows.map(presentBaseline) };
}

export async function readBaseline(db: Db, orgId: string, number: number) {
  const row = await db.kysely
    .selectFrom("plan_baselines")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!row) throw notFound(`baseline ${number}`);
  return { ...presentBaseline(row), tasks: JSON.parse(row.snapshot) as BaselineItem[] };
}

/** The plan now against a baseline (the latest unless a number is given). */
export async function compareWithBaseline(db: Db, orgId: string, today: string) {
  const row = await db.kysely
    .selectFrom("plan_baselines")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
  const current = await currentItems(db, orgId, today);
  const base = row ? (JSON.parse(row.snapshot) as BaselineItem[]) : [];
  return { baseline: row ? presentBaseline(row) : null, ...compareBaseline(base, row ? current : []) };
}
