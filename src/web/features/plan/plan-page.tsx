import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Tabs, TagsInput, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactNode, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { taskEndpoints } from "../../../contracts/plan";
import { registerPolicy } from "../../../core/access/policies";
import { TASK_SOURCES } from "../../../core/plan/tasks";
import { fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDateTime, formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ImportExportActions } from "../imports/import-export-actions";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { type Column, RegisterTable } from "../registers/register-table";
import { GanttChart } from "./gantt-chart";
import {
  planExportHref,
  type Schedule,
  TASKS_PATH,
  type Task,
  useBaselines,
  useCalendar,
  useComparison,
  useFreezeBaseline,
  useGenerate,
  useLoad,
  useRegisterTasks,
  useSaveCalendar,
  useSchedule,
} from "./plan-api";

export const STATUS_LABELS: Record<Task["status"], string> = {
  planned: "Planned",
  in_progress: "In progress",
  implemented: "Implemented",
  verified: "Verified",
};
const STATUS_COLORS: Record<Task["status"], string> = { planned: "gray", in_progress: "blue", implemented: "teal", verified: "green" };
const SOURCE_LABELS: Record<Task["source"], string> = {
  control: "SoA control",
  milestone: "Phase 1 milestone",
  risk: "Risk treatment",
  review: "Management review",
  corrective: "Corrective action",
  other: "Other",
};
const VIEWS = ["tasks", "gantt", "schedule", "load", "calendar", "baselines"] as const;
type View = (typeof VIEWS)[number];

/** Activities 9.3 and 9.5: the implementation tasks, their schedule and critical path, the load, the calendar and baselines. */
export function PlanPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const [params, setParams] = useSearchParams();
  const view: View = (VIEWS as readonly string[]).includes(params.get("view") ?? "") ? (params.get("view") as View) : "tasks";
  return (
    <>
      <PageHeader
        title="Implementation plan"
        description="Activities 9.3 and 9.5: the work that implements the controls, the phase 1 milestones and the risk treatments, in one plan with finish-to-start dependencies, scheduled on your working days. Top management approves the final plan with the ISMS design at gate G4."
        actions={
          <Group gap="xs">
            <ImportExportActions
              orgId={org.id}
              register="tasks"
              noun="tasks"
              named
              canImport={canEdit}
              refresh={[["register", org.id, TASKS_PATH]]}
            />
            <Button component="a" variant="default" href={planExportHref(org.id, "xlsx")} download>
              Download plan (XLSX)
            </Button>
            <Button component="a" variant="default" href={planExportHref(org.id, "ics")} download>
              Download calendar (iCalendar)
            </Button>
          </Group>
        }
      />
      <Tabs value={view} onChange={(v) => setParams(v && v !== "tasks" ? { view: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="tasks">Tasks</Tabs.Tab>
          <Tabs.Tab value="gantt">Gantt chart</Tabs.Tab>
          <Tabs.Tab value="schedule">Schedule table</Tabs.Tab>
          <Tabs.Tab value="load">Load per person</Tabs.Tab>
          <Tabs.Tab value="calendar">Working calendar</Tabs.Tab>
          <Tabs.Tab value="baselines">Baselines</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tasks">
          <TasksView orgId={org.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="gantt">
          <GanttView orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="schedule">
          <ScheduleView orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="load">
          <LoadView orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="calendar">
          <CalendarView orgId={org.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="baselines">
          <BaselinesView orgId={org.id} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function sourceLink(orgId: string, task: Task) {
  if (!task.sourceId || !task.sourceLabel) return task.sourceLabel ?? SOURCE_LABELS[task.source];
  const href =
    task.source === "control"
      ? orgHref(orgId, ORG_PATHS.soa, `soa-${task.sourceId}`)
      : task.source === "risk"
        ? orgHref(orgId, `${ORG_PATHS.risks}/${encodeURIComponent(task.sourceId)}`)
        : task.source === "milestone"
          ? orgHref(orgId, ORG_PATHS.businessCase, "milestones")
          : null;
  return href ? (
    <Anchor component={Link} to={href} size="sm">
      {task.sourceLabel}
    </Anchor>
  ) : (
    task.sourceLabel
  );
}

function TasksView({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const members = useMemberOptions(orgId);
  const tasks = useRegisterTasks(orgId);
  const fields = useMemo<FieldSpec[]>(
    () => [
      { name: "title", label: "Title" },
      { name: "description", label: "Description", kind: "textarea" },
      {
        name: "ownerUserId",
        label: "Owner",
        kind: "select",
        options: [{ value: "", label: "No owner yet" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))],
      },
      {
        name: "status",
        label: "Status",
        kind: "select",
        options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
      },
      { name: "effortDays", label: "Effort (person-days)", kind: "number" },
      { name: "cost", label: "Cost", kind: "money", description: "Typed as your organization writes numbers" },
      { name: "startDate", label: "Start", kind: "date", description: "Leave empty to start when the predecessors allow" },
      { name: "dueDate", label: "Due", kind: "date" },
      { name: "milestone", label: "Milestone (takes no time, falls on its due date)", kind: "checkbox" },
      {
        name: "predecessors",
        label: "Depends on (finish-to-start)",
        kind: "links",
        description: "The tasks that must finish before this one starts, each with a lag in working days",
        options: (tasks.data ?? []).map((t) => ({ value: t.id, label: `${t.ref} ${t.title}` })),
        link: { target: "taskId", amount: "lagDays", amountLabel: "Lag (working days)", noun: "predecessor" },
      },
      {
        name: "source",
        label: "Comes from",
        kind: "select",
        // "Other" first: a new task comes from nowhere in particular until a source is chosen.
        options: [...TASK_SOURCES]
          .sort((a, b) => Number(b === "other") - Number(a === "other"))
          .map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
      },
      {
        name: "sourceId",
        label: "Source reference",
        description: "The control (A.5.15), the milestone's or the risk's id",
      },
      { name: "deliverables", label: "Deliverables", kind: "tags" },
    ],
    [members.data, tasks.data],
  );
  const columns: Column<Task>[] = [
    { header: "Ref", cell: (t) => t.ref },
    { header: "Task", cell: (t) => (t.milestone ? `◆ ${t.title}` : t.title) },
    { header: "Owner", cell: (t) => t.owner?.name ?? "—" },
    {
      header: "Status",
      cell: (t) => (
        <Badge variant="light" color={STATUS_COLORS[t.status]} size="sm">
          {STATUS_LABELS[t.status]}
        </Badge>
      ),
    },
    { header: "Effort", cell: (t) => (t.effortDays === null ? "—" : `${t.effortDays} d`) },
    { header: "Start", cell: (t) => formatDay(t.startDate) },
    { header: "Due", cell: (t) => formatDay(t.dueDate) },
    { header: "Depends on", cell: (t) => t.predecessors.map((p) => (p.lagDays ? `${p.ref} +${p.lagDays}d` : p.ref)).join(", ") || "—" },
    { header: "Source", cell: (t) => sourceLink(orgId, t) },
  ];
  return (
    <Stack gap="lg">
      {canEdit && <GenerateTasks orgId={orgId} />}
      <RegisterTable<Task>
        orgId={orgId}
        endpoints={taskEndpoints}
        fields={fields}
        columns={columns}
        id="plan-tasks"
        title="Tasks and milestones"
        noun="task"
        description="Every SoA-included control not yet in place needs a task with an owner and a due date (9.3); the final plan needs every task scheduled (9.5). A dependency that would close a cycle is refused."
        canEdit={canEdit}
        searchable={(t) => [t.ref, t.title, t.owner?.name ?? null, t.sourceLabel]}
        toForm={(t) => ({
          ...t,
          ownerUserId: t.owner?.id ?? null,
          predecessors: t.predecessors.map((p) => ({ taskId: p.id, lagDays: p.lagDays })),
        })}
      />
    </Stack>
  );
}

function GenerateTasks({ orgId }: { orgId: string }) {
  const generate = useGenerate(orgId);
  const [from, setFrom] = useState<string[]>(["controls", "milestones", "risks"]);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="generate-title">
      <Title order={2} size="h5" id="generate-title" mb="xs">
        Create tasks from the registers
      </Title>
      <Group align="flex-end">
        <Checkbox.Group value={from} onChange={setFrom} label="One task for each, where none exists yet">
          <Group mt={4}>
            <Checkbox value="controls" label="Included controls (SoA)" />
            <Checkbox value="milestones" label="Phase 1 milestones" />
            <Checkbox value="risks" label="Risk treatments" />
          </Group>
        </Checkbox.Group>
        <Button
          variant="light"
          loading={generate.isPending}
          onClick={() =>
            generate.mutate(from as ("controls" | "milestones" | "risks")[], {
              onSuccess: (r) => notifications.show({ color: "teal", message: `${r.created} task${r.created === 1 ? "" : "s"} created.` }),
            })
          }
        >
          Create tasks
        </Button>
      </Group>
      {generate.error && <FormError error={generate.error} />}
    </Paper>
  );
}

/** A schedule that cannot be computed says why: the cycle, by task. */
function ScheduleState({ orgId, children }: { orgId: string; children: (s: Schedule) => ReactNode }) {
  const schedule = useSchedule(orgId);
  return (
    <QueryState isPending={schedule.isPending} error={schedule.error}>
      {schedule.data && (schedule.data.tasks.length === 0 ? <Text c="dimmed">No tasks planned yet.</Text> : children(schedule.data))}
    </QueryState>
  );
}

function GanttView({ orgId }: { orgId: string }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="gantt-title">
      <Title order={2} size="h4" id="gantt-title" mb="xs">
        Gantt chart
      </Title>
      <ScheduleState orgId={orgId}>
        {(s) => (
          <Stack gap="xs">
            <Summary schedule={s} />
            <GanttChart schedule={s} tableHref="?view=schedule" />
          </Stack>
        )}
      </ScheduleState>
    </Paper>
  );
}

function Summary({ schedule }: { schedule: Schedule }) {
  const { org } = useCurrentOrg();
  const critical = schedule.critical.length;
  return (
    <Text size="sm">
      {schedule.tasks.length} tasks from {formatDay(schedule.start)} to {formatDay(schedule.finish)}; {critical} on the critical path;{" "}
      {schedule.effortDays} person-days; cost{" "}
      {new Intl.NumberFormat(org.locale, { style: "currency", currency: org.currency }).format(schedule.cost)}.
    </Text>
  );
}

const PAGE = 100;

function ScheduleView({ orgId }: { orgId: string }) {
  const [page, setPage] = useState(0);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="schedule-table-title" id="schedule-table" tabIndex={-1}>
      <Title order={2} size="h4" id="schedule-table-title" mb="xs">
        Schedule table
      </Title>
      <ScheduleState orgId={orgId}>
        {(s) => {
          const pages = Math.ceil(s.tasks.length / PAGE);
          const shown = s.tasks.slice(page * PAGE, page * PAGE + PAGE);
          return (
            <Stack gap="xs">
              <Summary schedule={s} />
              <Table.ScrollContainer minWidth={900}>
                <Table
                  striped
                  withTableBorder
                  verticalSpacing={4}
                  aria-label="Schedule: earliest and latest start and finish, slack and critical path"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Ref</Table.Th>
                      <Table.Th>Task</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Days</Table.Th>
                      <Table.Th>Early start (ES)</Table.Th>
                      <Table.Th>Early finish (EF)</Table.Th>
                      <Table.Th>Late start (LS)</Table.Th>
                      <Table.Th>Late finish (LF)</Table.Th>
                      <Table.Th>Slack</Table.Th>
                      <Table.Th>Critical</Table.Th>
                      <Table.Th>Progress</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((t) => (
                      <Table.Tr key={t.id} data-critical={t.critical ? "true" : "false"}>
                        <Table.Td>{t.ref}</Table.Td>
                        <Table.Td>
                          {t.milestone ? "◆ " : ""}
                          {t.title}
                          {t.late && (
                            <Badge ml={6} size="xs" color="red" variant="light">
                              after its due date
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{t.ownerName ?? "—"}</Table.Td>
                        <Table.Td>{t.duration}</Table.Td>
                        <Table.Td>{t.earlyStart}</Table.Td>
                        <Table.Td>{t.earlyFinish}</Table.Td>
                        <Table.Td>{t.lateStart}</Table.Td>
                        <Table.Td>{t.lateFinish}</Table.Td>
                        <Table.Td>{t.slack}</Table.Td>
                        <Table.Td>{t.critical ? <strong>Yes</strong> : "No"}</Table.Td>
                        <Table.Td>{t.progress}%</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {pages > 1 && (
                <Group gap="xs">
                  <Button variant="default" size="xs" disabled={page === 0} onClick={() => setPage(page - 1)}>
                    Previous {PAGE}
                  </Button>
                  <Text size="sm" aria-live="polite">
                    Tasks {page * PAGE + 1}–{Math.min(s.tasks.length, page * PAGE + PAGE)} of {s.tasks.length}
                  </Text>
                  <Button variant="default" size="xs" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                    Next {PAGE}
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </ScheduleState>
    </Paper>
  );
}

function LoadView({ orgId }: { orgId: string }) {
  const load = useLoad(orgId);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="load-title">
      <Title order={2} size="h4" id="load-title" mb="xs">
        Load per person and week
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each task's effort spread over its scheduled working days, against the working days of the week. More than that is over-allocation.
      </Text>
      <QueryState isPending={load.isPending} error={load.error}>
        {load.data && load.data.people.length === 0 && <Text c="dimmed">No task has an owner and effort yet.</Text>}
        <Stack>
          {load.data?.people.map((p) => {
            const over = p.weeks.filter((w) => w.overAllocated).length;
            return (
              <div key={p.ownerId}>
                <Group gap="xs" mb={4}>
                  <Title order={3} size="h5">
                    {p.name}
                  </Title>
                  {over > 0 && (
                    <Badge color="red" variant="light">
                      over-allocated in {over} week{over === 1 ? "" : "s"}
                    </Badge>
                  )}
                </Group>
                <Table.ScrollContainer minWidth={480}>
                  <Table withTableBorder verticalSpacing={2} aria-label={`Load of ${p.name} per week`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Week of</Table.Th>
                        <Table.Th>Planned (person-days)</Table.Th>
                        <Table.Th>Working days</Table.Th>
                        <Table.Th>Load</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {p.weeks.map((w) => (
                        <Table.Tr key={w.week} data-over={w.overAllocated ? "true" : undefined}>
                          <Table.Td>{w.week}</Table.Td>
                          <Table.Td>{w.load}</Table.Td>
                          <Table.Td>{w.capacity}</Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <div aria-hidden="true" style={{ width: 120, height: 8, background: "#e9ecef", borderRadius: 4 }}>
                                <div
                                  style={{
                                    width: `${Math.min(100, (w.load / Math.max(1, w.capacity)) * 100)}%`,
                                    height: 8,
                                    borderRadius: 4,
                                    background: w.overAllocated ? "#c92a2a" : "#1c7ed6",
                                  }}
                                />
                              </div>
                              {w.overAllocated && (
                                <Text size="xs" c="red.9" fw={600}>
                                  Over-allocated
                                </Text>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </div>
            );
          })}
        </Stack>
      </QueryState>
    </Paper>
  );
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function CalendarView({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const calendar = useCalendar(orgId);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="calendar-title" id="plan-calendar">
      <Title order={2} size="h4" id="calendar-title" mb="xs">
        Working calendar
      </Title>
      <QueryState isPending={calendar.isPending} error={calendar.error}>
        {calendar.data && <CalendarForm key={calendar.data.version} orgId={orgId} canEdit={canEdit} calendar={calendar.data} />}
      </QueryState>
    </Paper>
  );
}

function CalendarForm({
  orgId,
  canEdit,
  calendar,
}: {
  orgId: string;
  canEdit: boolean;
  calendar: { weekends: number[]; holidays: string[]; version: number };
}) {
  const save = useSaveCalendar(orgId);
  const [weekends, setWeekends] = useState(calendar.weekends.map(String));
  const [holidays, setHolidays] = useState(calendar.holidays);
  const errors = fieldErrors(save.error);
  const holidayError = Object.entries(errors).find(([k]) => k.startsWith("holidays"))?.[1];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { weekends: weekends.map(Number).sort(), holidays: [...holidays].sort(), version: calendar.version },
          { onSuccess: () => notifications.show({ color: "teal", message: "Calendar saved; the schedule follows it." }) },
        );
      }}
    >
      <Stack maw={640}>
        <Checkbox.Group value={weekends} onChange={setWeekends} label="Days not worked" error={errors.weekends}>
          <Group mt={4}>
            {WEEKDAYS.map((d, i) => (
              <Checkbox key={d} value={String(i)} label={d} disabled={!canEdit} />
            ))}
          </Group>
        </Checkbox.Group>
        <TagsInput
          label="Holidays"
          description="Dates like 2027-12-25; press Enter after each"
          value={holidays}
          onChange={setHolidays}
          readOnly={!canEdit}
          error={holidayError}
          splitChars={[",", " "]}
        />
        {save.error && !holidayError && !errors.weekends && <FormError error={save.error} />}
        {canEdit && (
          <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
            Save calendar
          </Button>
        )}
      </Stack>
    </form>
  );
}

function BaselinesView({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const baselines = useBaselines(orgId);
  const comparison = useComparison(orgId);
  const freeze = useFreezeBaseline(orgId);
  const [note, setNote] = useState("");
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="baselines-title">
        <Title order={2} size="h4" id="baselines-title" mb="xs">
          Baselines
        </Title>
        {canEdit && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              freeze.mutate(note.trim() || null, {
                onSuccess: (b) => {
                  setNote("");
                  notifications.show({ color: "teal", message: `Baseline ${b.number} frozen.` });
                },
              });
            }}
          >
            <Group align="flex-end" mb="md">
              <TextInput
                label="Note"
                placeholder="What this baseline is"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                w={360}
              />
              <Button type="submit" loading={freeze.isPending}>
                Freeze a baseline
              </Button>
            </Group>
            {freeze.error && <FormError error={freeze.error} />}
          </form>
        )}
        <QueryState isPending={baselines.isPending} error={baselines.error}>
          {baselines.data && baselines.data.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              No baseline frozen yet.
            </Text>
          ) : (
            <Table withTableBorder aria-label="Frozen baselines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Note</Table.Th>
                  <Table.Th>Frozen by</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Tasks</Table.Th>
                  <Table.Th>Finish</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {baselines.data?.items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{b.number}</Table.Td>
                    <Table.Td>{b.note ?? "—"}</Table.Td>
                    <Table.Td>{b.createdBy}</Table.Td>
                    <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                    <Table.Td>{b.items}</Table.Td>
                    <Table.Td>{formatDay(b.finish)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Paper>
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="comparison-title" id="plan-comparison">
        <Title order={2} size="h4" id="comparison-title" mb="xs">
          The plan against the latest baseline
        </Title>
        <QueryState isPending={comparison.isPending} error={comparison.error}>
          {comparison.data &&
            (comparison.data.baseline === null ? (
              <Text c="dimmed" size="sm">
                Freeze a baseline to compare the plan with it.
              </Text>
            ) : (
              <Stack>
                <Text size="sm">
                  Baseline {comparison.data.baseline.number} finishes {formatDay(comparison.data.baselineFinish)}; the plan now finishes{" "}
                  {formatDay(comparison.data.currentFinish)}.
                </Text>
                <SlipTable title="Slipped milestones" rows={comparison.data.slippedMilestones} />
                <SlipTable title="Slipped tasks" rows={comparison.data.slipped} />
                {comparison.data.added.length > 0 && (
                  <Text size="sm">Added since: {comparison.data.added.map((t) => `${t.ref} ${t.title}`).join("; ")}</Text>
                )}
                {comparison.data.removed.length > 0 && (
                  <Text size="sm">Removed since: {comparison.data.removed.map((t) => `${t.ref} ${t.title}`).join("; ")}</Text>
                )}
              </Stack>
            ))}
        </QueryState>
      </Paper>
    </Stack>
  );
}

function SlipTable({
  title,
  rows,
}: {
  title: string;
  rows: { id: string; ref: string; title: string; baselineFinish: string; currentFinish: string; daysLate: number }[];
}) {
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title} ({rows.length})
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={2} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ref</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Baseline finish</Table.Th>
              <Table.Th>Finish now</Table.Th>
              <Table.Th>Working days late</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.ref}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.baselineFinish}</Table.Td>
                <Table.Td>{r.currentFinish}</Table.Td>
                <Table.Td>{r.daysLate}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
