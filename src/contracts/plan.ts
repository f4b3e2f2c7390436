import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { TASK_SOURCES, TASK_STATUSES } from "../core/plan/tasks.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

const IsoDate = z.iso.date({ error: "must be a date like 2027-03-31" });
const Title = z.string().trim().min(1, { error: "must not be empty" }).max(300, { error: "must be at most 300 characters" });
const OptionalText = z.string().max(20_000, { error: "must be at most 20,000 characters" }).nullable().default(null);

export const TaskStatusSchema = z.enum(TASK_STATUSES, { error: "must be planned, in_progress, implemented or verified" });
export const TaskSourceSchema = z.enum(TASK_SOURCES, { error: `must be one of ${TASK_SOURCES.join(", ")}` });

export const PredecessorInputSchema = z.strictObject({
  taskId: IdSchema.describe("the task that must finish first"),
  lagDays: z
    .number({ error: "must be a number of working days" })
    .int({ error: "must be a whole number of working days" })
    .min(0, { error: "must not be negative" })
    .max(365, { error: "must be at most 365 working days" })
    .default(0),
});

export const TaskInputSchema = z.strictObject({
  title: Title,
  description: OptionalText,
  source: TaskSourceSchema.default("other").describe("where the work comes from: an SoA control, a phase 1 milestone, a risk treatment, …"),
  sourceId: z.string().max(200).nullable().default(null).describe("the control id (A.5.15), milestone id or risk id the task comes from"),
  ownerUserId: IdSchema.nullable().default(null).describe("a member of the organization"),
  effortDays: z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(100_000).nullable().default(null),
  cost: z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(1e12).nullable().default(null),
  startDate: IsoDate.nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  milestone: z.boolean().default(false).describe("a milestone takes no time: it falls on its due date"),
  status: TaskStatusSchema.default("planned"),
  deliverables: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  predecessors: z.array(PredecessorInputSchema).max(200).default([]).describe("finish-to-start dependencies on other tasks, with a lag"),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

export const TaskUpdateSchema = TaskInputSchema.extend({ version: VersionSchema });

/** A row of a task import (tasks register): the task as the API takes it, known by its reference; its predecessors are the importer's links. */
export const TaskImportRowSchema = TaskInputSchema.omit({ predecessors: true }).extend({
  externalRef: z.string().trim().max(20).nullable().default(null).describe("the task's reference, T-0001; blank for a new task"),
});

const TaskRef = z.object({ id: IdSchema, ref: z.string(), title: z.string() });

export const TaskSchema = z.object({
  id: IdSchema,
  ref: z.string().describe("T-0001"),
  title: z.string(),
  description: z.string().nullable(),
  source: TaskSourceSchema,
  sourceId: z.string().nullable(),
  sourceLabel: z.string().nullable().describe("the control, milestone or risk, by reference and title"),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  effortDays: z.number().nullable(),
  cost: z.number().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  milestone: z.boolean(),
  status: TaskStatusSchema,
  progress: z.number().int().describe("percent, from the status"),
  deliverables: z.array(z.string()),
  predecessors: z.array(TaskRef.extend({ lagDays: z.number().int() })),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});

export const TaskParamsSchema = z.strictObject({ orgId: IdSchema, taskId: IdSchema });

export const TaskListQuerySchema = z.strictObject({
  ...PageQuery,
  sort: z.enum(["number", "title"]).default("number"),
  q: z.string().max(200).optional(),
  status: TaskStatusSchema.optional(),
  source: TaskSourceSchema.optional(),
  owner: IdSchema.optional(),
});

export const CalendarSchema = z.object({
  weekends: z.array(z.number().int()).describe("days of the week not worked, 0 = Sunday … 6 = Saturday"),
  holidays: z.array(z.string()),
  version: z.number().int().describe("0 until the calendar is first saved"),
});

export const CalendarInputSchema = z.strictObject({
  weekends: z
    .array(z.number().int().min(0, { error: "must be 0 (Sunday) to 6 (Saturday)" }).max(6, { error: "must be 0 (Sunday) to 6 (Saturday)" }))
    .max(6, { error: "must leave at least one working day in the week" }),
  holidays: z.array(IsoDate).max(1000),
  version: z.number().int().min(0).describe("the version you last read (0 before the first save)"),
});

export const ScheduledTaskSchema = z.object({
  id: IdSchema,
  ref: z.string(),
  title: z.string(),
  ownerName: z.string().nullable(),
  milestone: z.boolean(),
  status: TaskStatusSchema,
  progress: z.number().int(),
  duration: z.number().int().describe("working days"),
  earlyStart: z.string(),
  earlyFinish: z.string(),
  lateStart: z.string(),
  lateFinish: z.string(),
  slack: z.number().int().describe("working days the task may slip without moving the end of the plan"),
  critical: z.boolean(),
  dueDate: z.string().nullable(),
  late: z.boolean().describe("the schedule finishes it after its due date"),
});

export const ScheduleSchema = z.object({
  start: z.string(),
  finish: z.string(),
  today: z.string(),
  tasks: z.array(ScheduledTaskSchema),
  links: z.array(z.object({ id: IdSchema, from: IdSchema, to: IdSchema, lagDays: z.number().int(), critical: z.boolean() })),
  critical: z.array(IdSchema).describe("the critical path, in order"),
  calendar: CalendarSchema,
  effortDays: z.number(),
  cost: z.number(),
});

export const LoadSchema = z.object({
  people: z.array(
    z.object({
      ownerId: IdSchema,
      name: z.string(),
      weeks: z.array(z.object({ week: z.string(), load: z.number(), capacity: z.number(), overAllocated: z.boolean() })),
    }),
  ),
});

const BaselineItemSchema = z.object({
  id: IdSchema,
  ref: z.string(),
  title: z.string(),
  milestone: z.boolean(),
  start: z.string(),
  finish: z.string(),
});

export const BaselineSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: TimestampSchema,
  items: z.number().int(),
  finish: z.string().nullable(),
});

export const BaselineDetailSchema = BaselineSchema.extend({ tasks: z.array(BaselineItemSchema) });

export const BaselineInputSchema = z.strictObject({ note: z.string().trim().max(2000).nullable().default(null) });
export const BaselineParamsSchema = z.strictObject({ orgId: IdSchema, number: z.coerce.number().int().min(1) });

const SlipSchema = z.object({
  id: IdSchema,
  ref: z.string(),
  title: z.string(),
  milestone: z.boolean(),
  baselineFinish: z.string(),
  currentFinish: z.string(),
  daysLate: z.number().int(),
});

export const BaselineComparisonSchema = z.object({
  baseline: BaselineSchema.nullable(),
  slipped: z.array(SlipSchema),
  slippedMilestones: z.array(SlipSchema),
  added: z.array(TaskRef),
  removed: z.array(TaskRef),
  baselineFinish: z.string().nullable(),
  currentFinish: z.string().nullable(),
});

export const GenerateInputSchema = z.strictObject({
  from: z
    .array(z.enum(["controls", "milestones", "risks"]))
    .min(1, { error: "must name at least one source" })
    .describe("create a task for each included control, phase 1 milestone and risk treatment that has none yet"),
});
export const GenerateResultSchema = z.object({ created: z.number().int(), tasks: z.array(TaskRef) });

const PLAN_TAGS = ["implementation plan"];

/** The plan's schedule, load, calendar, baselines and task generation. */
export const planEndpoints = {
  generate: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/plan/generate",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "Create a task for each included control, phase 1 milestone and risk treatment that has none",
    params: OrgParamsSchema,
    body: GenerateInputSchema,
    response: GenerateResultSchema,
  }),
  schedule: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/schedule",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "The schedule: earliest and latest start and finish, slack and the critical path, on working days",
    params: OrgParamsSchema,
    response: ScheduleSchema,
  }),
  load: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/load",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "Each person's planned work per week, over-allocation marked",
    params: OrgParamsSchema,
    response: LoadSchema,
  }),
  calendar: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/calendar",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "The organization's working calendar: weekend days and holidays",
    params: OrgParamsSchema,
    response: CalendarSchema,
  }),
  saveCalendar: defineEndpoint({
    method: "PUT",
    path: "/orgs/:orgId/plan/calendar",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "Set the working calendar",
    params: OrgParamsSchema,
    body: CalendarInputSchema,
    response: CalendarSchema,
  }),
  baselines: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/baselines",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "Frozen baselines, newest first",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(BaselineSchema) }),
  }),
  freezeBaseline: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/plan/baselines",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "Freeze the schedule as it stands as a new baseline",
    params: OrgParamsSchema,
    body: BaselineInputSchema,
    response: BaselineSchema,
    status: 201,
  }),
  baseline: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/baselines/:number",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "One baseline as frozen",
    params: BaselineParamsSchema,
    response: BaselineDetailSchema,
  }),
  comparison: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/comparison",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "The plan now against the latest baseline: slipped tasks and milestones, added and removed tasks",
    params: OrgParamsSchema,
    response: BaselineComparisonSchema,
  }),
};

/** The plan's tasks: a register whose list filters by status, source and owner and sorts by number. */
export const taskEndpoints = {
  entity: "task",
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/tasks",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "List the plan's tasks, filtered and a page at a time",
    params: OrgParamsSchema,
    query: TaskListQuerySchema,
    response: pageOf(TaskSchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/plan/tasks",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "Add a task; a dependency that would close a cycle is refused with the cycle named",
    params: OrgParamsSchema,
    body: TaskInputSchema,
    response: TaskSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/tasks/:taskId",
    access: access.org(registerPolicy, "read"),
    tags: PLAN_TAGS,
    summary: "One task",
    params: TaskParamsSchema,
    response: TaskSchema,
  }),
  ...updateEndpoints({
    path: "/orgs/:orgId/plan/tasks/:taskId",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "a task",
    params: TaskParamsSchema,
    body: TaskUpdateSchema,
    response: TaskSchema,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/plan/tasks/:taskId",
    access: access.org(registerPolicy, "write"),
    tags: PLAN_TAGS,
    summary: "Remove a task and its dependencies",
    params: TaskParamsSchema,
    response: OkSchema,
  }),
};

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ICS_TYPE = "text/calendar";

/** The plan as files: a workbook of the schedule and a calendar of milestones and due dates. */
export const planExportEndpoints = {
  xlsx: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/export.xlsx",
    access: access.org(registerPolicy, "read"),
    tags: ["implementation plan"],
    summary:
      "Download the plan as an XLSX workbook: every task with owner, effort, cost, dates, dependencies and its schedule (earliest and latest start and finish, slack, critical), a sheet of the load per person and week, and the calendar",
    params: OrgParamsSchema,
    response: fileResponse(XLSX_TYPE),
  }),
  ics: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/plan/export.ics",
    access: access.org(registerPolicy, "read"),
    tags: ["implementation plan"],
    summary: "Download the plan's milestones and task due dates as an iCalendar file, one all-day event each",
    params: OrgParamsSchema,
    response: fileResponse(ICS_TYPE),
  }),
};
