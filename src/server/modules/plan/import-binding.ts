import { TaskImportRowSchema, type TaskInput } from "../../../contracts/plan.js";
import { uuidv7 } from "../../../core/ids.js";
import { REGISTER_TITLES } from "../../../core/imports/guide.js";
import type { KeyedRecord } from "../../../core/imports/matching.js";
import { findCycle } from "../../../core/schedule/cpm.js";
import { reader } from "../../db/audited.js";
import type { FieldProblem, PlannedRow, RegisterBinding, Source, Stored } from "../../imports/binding.js";
import { LINK, planMembers, TASK, type TaskSources, taskProblems, taskSourceIds } from "./plan.repo.js";

const taskRef = (n: number) => `T-${String(n).padStart(4, "0")}`;

/** The organization's members, known in a file by e-mail address (or display name). */
async function loadMembers(source: Source, orgId: string): Promise<KeyedRecord[]> {
  return (await planMembers(source, orgId)).map((r) => ({ id: r.id, externalRef: r.email, name: r.display_name || r.email }));
}

/**
 * Implementation tasks: matched by reference (T-0001), a row without one is a new task that gets
 * the next number; predecessors are links with a lag, checked for cycles with the plan's other
 * tasks as the import would leave them. Each task's own rules are the repository's (`taskProblems`),
 * the cycle check is made for the whole file at once.
 */
export const tasksImport: RegisterBinding = {
  register: "tasks",
  table: "plan_tasks",
  entity: TASK,
  title: REGISTER_TITLES.tasks,
  nameField: "title",
  schema: TaskImportRowSchema,
  reference: { field: "ownerUserId", column: "owner_user_id", what: "member", load: loadMembers, withinFile: false },
  keyColumns: ["id", "version", "ref", "title"],
  keyOf: (r) => ({ id: r.id, externalRef: r.ref as string, name: r.title as string }),
  valuesOf: (r) => ({
    externalRef: r.ref,
    title: r.title,
    description: r.description,
    source: r.source,
    sourceId: r.source_id,
    ownerUserId: r.owner_user_id,
    effortDays: r.effort_days === null ? null : Number(r.effort_days),
    cost: r.cost === null ? null : Number(r.cost),
    startDate: r.start_date,
    dueDate: r.due_date,
    milestone: Number(r.milestone) === 1,
    status: r.status,
    deliverables: JSON.parse(String(r.deliverables)) as string[],
  }),
  // As the plan repository stores a task; a new task's number and reference are given when it is written.
  columnsOf: (i) => ({
    ref: i.externalRef,
    title: i.title,
    description: i.description,
    source: i.source,
    source_id: i.sourceId,
    owner_user_id: i.ownerUserId,
    effort_days: i.effortDays,
    cost: i.cost,
    start_date: i.startDate,
    due_date: i.dueDate,
    milestone: i.milestone ? 1 : 0,
    status: i.status,
    deliverables: JSON.stringify(i.deliverables),
  }),
  numbered: { table: "plan_tasks", columns: (n) => ({ number: n, ref: taskRef(n) }) },
  wholeFile: true,
  checker: async (source, orgId) => {
    const [sources, existing, links] = await Promise.all([
      taskSourceIds(source, orgId),
      reader(source).selectFrom("plan_tasks").select(["id", "ref", "title"]).where("org_id", "=", orgId).execute(),
      reader(source)
        .selectFrom("plan_dependencies")
        .select(["predecessor_id", "successor_id", "lag_days"])
        .where("org_id", "=", orgId)
        .execute(),
    ]);
    return async (planned) => checkTasks(planned, sources, existing, links);
  },
  links: {
    field: "predecessors",
    table: "plan_dependencies",
    entity: LINK,
    from: "successor_id",
    to: "predecessor_id",
    what: "task",
    lag: "lag_days",
    problem: (from, to) => (from.id === to.id ? "a task cannot depend on itself" : null),
    standing: () => null,
    row: (ctx, orgId, from, to, lag) => ({
      id: uuidv7(),
      org_id: orgId,
      predecessor_id: to,
      successor_id: from,
      lag_days: lag,
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    }),
  },
};

/** The repository's rules for each task, and the dependencies of the plan the file would leave checked for a cycle. */
function checkTasks(
  planned: PlannedRow[],
  sources: TaskSources,
  existing: { id: string; ref: string; title: string }[],
  links: { predecessor_id: string; successor_id: string; lag_days: number }[],
): FieldProblem[] {
  const problems: FieldProblem[] = planned.flatMap((p) =>
    taskProblems(
      {
        startDate: p.columns.start_date as string | null,
        dueDate: p.columns.due_date as string | null,
        source: p.columns.source as TaskInput["source"],
        sourceId: p.columns.source_id as string | null,
      },
      sources,
    ).map((problem) => ({ row: p.row, ...problem })),
  );

  // The dependencies as the file leaves them: a row's list replaces its task's, the others stand.
  const replaced = new Set(planned.filter((p) => p.links).map((p) => p.id as string));
  const edges = links
    .filter((l) => !replaced.has(l.successor_id))
    .map((l) => ({ from: l.predecessor_id, to: l.successor_id, lag: l.lag_days }));
  for (const p of planned)
    for (const [i, predecessor] of (p.links?.after ?? []).entries())
      edges.push({ from: predecessor, to: p.id as string, lag: p.links?.lags[i] ?? 0 });
  const ids = new Set(existing.map((t) => t.id));
  for (const p of planned) ids.add(p.id as string);
  const cycle = findCycle([...ids], edges);
  if (cycle) {
    const stored = new Map<string, Stored | { ref: string; title: string }>(existing.map((t) => [t.id, t]));
    const rows = new Map(planned.map((p) => [p.id as string, p]));
    const name = (id: string) => {
      const p = rows.get(id);
      if (p && p.before === null) return `"${p.columns.title}" (row ${p.row})`;
      const t = stored.get(id);
      return `${t?.ref} "${p ? p.columns.title : t?.title}"`;
    };
    const named = cycle.map(name).join(" → ");
    for (const id of new Set(cycle)) {
      const p = rows.get(id);
      if (p)
        problems.push({
          row: p.row,
          field: "predecessors",
          message: `the dependencies would form a cycle, which has no schedule: ${named}`,
        });
    }
  }
  return problems;
}
