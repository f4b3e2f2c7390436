import { Anchor, Badge, Group, Text } from "@mantine/core";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { WorkCalendar } from "../../../core/schedule/calendar";
import type { Schedule } from "./plan-api";

const ROW = 26;
const LABEL_WIDTH = 280;
const HEADER = 34;
const VIEW_HEIGHT = 560;
/** Rows drawn above and below the visible ones, so a quick scroll does not show blanks. */
const OVERSCAN = 8;

const COLORS = {
  bar: "#1c7ed6",
  barDone: "#0b4f91",
  critical: "#c92a2a",
  criticalDone: "#7d1414",
  link: "#868e96",
  criticalLink: "#c92a2a",
  today: "#e8590c",
  grid: "#e9ecef",
  text: "#212529",
  dimmed: "#495057",
};

interface Geometry {
  /** Working-day index where the bar starts, and its length in working days (0 for a milestone). */
  start: number;
  length: number;
}

/**
 * The plan as a Gantt chart on the organization's working days: a bar per task (red on the
 * critical path), its progress filled in, milestones as diamonds, finish-to-start arrows and
 * today's line. Only the rows in view are drawn, so thousands of tasks scroll smoothly; the
 * schedule table next to it carries the same numbers as text.
 */
export function GanttChart({ schedule, tableHref }: { schedule: Schedule; tableHref: string }) {
  const uid = useId().replaceAll(":", "");
  const scroller = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [drawn, setDrawn] = useState(false);

  const layout = useMemo(() => {
    const calendar = new WorkCalendar(schedule.calendar, schedule.start);
    const geometry = new Map<string, Geometry>();
    let days = 1;
    for (const t of schedule.tasks) {
      const start = calendar.indexOf(t.earlyStart);
      const length = t.milestone ? 0 : calendar.indexOf(t.earlyFinish) - start + 1;
      geometry.set(t.id, { start, length });
      days = Math.max(days, start + Math.max(length, 1));
    }
    const todayIndex = schedule.today < schedule.start ? null : calendar.indexOf(schedule.today);
    const dayWidth = Math.max(3, Math.min(24, Math.floor(900 / days)));
    // One tick per week: the first working day of each ISO week, labelled with its date.
    const ticks: { index: number; label: string }[] = [];
    let lastWeek = "";
    const every = dayWidth >= 10 ? 1 : dayWidth >= 5 ? 2 : 4;
    let week = 0;
    for (let i = 0; i <= days; i++) {
      const date = calendar.dateOf(i);
      const monday = mondayOf(date);
      if (monday !== lastWeek) {
        if (week % every === 0) ticks.push({ index: i, label: date.slice(5) });
        lastWeek = monday;
        week++;
      }
    }
    const row = new Map(schedule.tasks.map((t, i) => [t.id, i]));
    return { geometry, days, dayWidth, todayIndex, ticks, row };
  }, [schedule]);

  useEffect(() => setDrawn(true), []);

  const { geometry, days, dayWidth, todayIndex, ticks, row } = layout;
  const width = LABEL_WIDTH + (days + 2) * dayWidth;
  const height = schedule.tasks.length * ROW;
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(schedule.tasks.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW) + OVERSCAN);
  const visible = schedule.tasks.slice(first, last);
  const x = (index: number) => LABEL_WIDTH + index * dayWidth;
  const links = schedule.links.filter((l) => {
    const a = row.get(l.from) ?? -1;
    const b = row.get(l.to) ?? -1;
    return (a >= first && a < last) || (b >= first && b < last) || (a < first && b >= last) || (b < first && a >= last);
  });
  const criticalRefs = schedule.critical.map((id) => schedule.tasks[row.get(id) ?? -1]?.ref).filter(Boolean);

  return (
    <div>
      <Group gap="xs" mb="xs" aria-hidden="true">
        <Legend color={COLORS.critical} label="Critical path" />
        <Legend color={COLORS.bar} label="Other tasks" />
        <Text size="xs" c="dimmed">
          ◆ milestone · dark part: progress · orange line: today
        </Text>
      </Group>
      <section
        ref={scroller}
        aria-label={`Gantt chart, ${schedule.tasks.length} tasks; the schedule table below gives the same data as text`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so keyboard users can scroll it (axe scrollable-region-focusable)
        tabIndex={0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        style={{ height: VIEW_HEIGHT + HEADER, overflow: "auto", border: "1px solid #dee2e6", borderRadius: 4, position: "relative" }}
        data-gantt-drawn={drawn ? "true" : undefined}
      >
        <svg
          width={width}
          height={HEADER}
          style={{ position: "sticky", top: 0, background: "white", zIndex: 1, display: "block" }}
          aria-hidden="true"
        >
          <text x={8} y={22} fontSize={12} fontWeight={600} fill={COLORS.text}>
            Task
          </text>
          {ticks.map((t) => (
            <g key={t.index}>
              <line x1={x(t.index)} x2={x(t.index)} y1={HEADER - 8} y2={HEADER} stroke={COLORS.dimmed} />
              <text x={x(t.index) + 2} y={20} fontSize={10} fill={COLORS.dimmed}>
                {t.label}
              </text>
            </g>
          ))}
          <line x1={0} x2={width} y1={HEADER - 0.5} y2={HEADER - 0.5} stroke="#dee2e6" />
        </svg>
        <svg width={width} height={height} style={{ display: "block" }} role="img" aria-labelledby={`${uid}-title`}>
          <title id={`${uid}-title`}>
            {`Schedule from ${schedule.start} to ${schedule.finish}. Critical path: ${criticalRefs.join(" → ") || "none"}.`}
          </title>
          <defs>
            <marker id={`${uid}-arrow`} viewBox="0 0 6 6" refX={6} refY={3} markerWidth={6} markerHeight={6} orient="auto">
              <path d="M0,0 L6,3 L0,6 z" fill={COLORS.link} />
            </marker>
            <marker id={`${uid}-arrow-critical`} viewBox="0 0 6 6" refX={6} refY={3} markerWidth={6} markerHeight={6} orient="auto">
              <path d="M0,0 L6,3 L0,6 z" fill={COLORS.criticalLink} />
            </marker>
          </defs>
          {ticks.map((t) => (
            <line key={t.index} x1={x(t.index)} x2={x(t.index)} y1={first * ROW} y2={last * ROW} stroke={COLORS.grid} />
          ))}
          {visible.map((t, i) => {
            const r = first + i;
            const g = geometry.get(t.id) as Geometry;
            const y = r * ROW;
            const critical = t.critical;
            return (
              <g key={t.id} data-task={t.ref} data-critical={critical ? "true" : "false"} data-milestone={t.milestone ? "true" : undefined}>
                {r % 2 === 1 && <rect x={0} y={y} width={width} height={ROW} fill="#f8f9fa" />}
                <text x={8} y={y + 17} fontSize={12} fill={COLORS.text}>
                  {truncate(`${t.ref} ${t.title}`, 40)}
                </text>
                {t.milestone ? (
                  <path
                    d={`M${x(g.start)},${y + 4} l9,9 l-9,9 l-9,-9 z`}
                    fill={critical ? COLORS.critical : COLORS.bar}
                    stroke={critical ? COLORS.criticalDone : COLORS.barDone}
                  />
                ) : (
                  <>
                    <rect
                      x={x(g.start)}
                      y={y + 6}
                      width={Math.max(2, g.length * dayWidth - 1)}
                      height={ROW - 12}
                      rx={2}
                      fill={critical ? COLORS.critical : COLORS.bar}
                      opacity={0.75}
                    />
                    {t.progress > 0 && (
                      <rect
                        x={x(g.start)}
                        y={y + 6}
                        width={Math.max(1, ((g.length * dayWidth - 1) * t.progress) / 100)}
                        height={ROW - 12}
                        rx={2}
                        fill={critical ? COLORS.criticalDone : COLORS.barDone}
                      />
                    )}
                  </>
                )}
              </g>
            );
          })}
          {links.map((l) => {
            const a = geometry.get(l.from);
            const b = geometry.get(l.to);
            const ra = row.get(l.from);
            const rb = row.get(l.to);
            if (!a || !b || ra === undefined || rb === undefined) return null;
            const x1 = x(a.start + a.length);
            const y1 = ra * ROW + ROW / 2;
            const x2 = x(b.start) - (b.length === 0 ? 9 : 0);
            const y2 = rb * ROW + ROW / 2;
            const bend = Math.max(x1 + 4, Math.min(x2 - 4, x1 + 8));
            return (
              <path
                key={l.id}
                d={`M${x1},${y1} H${bend} V${y2} H${x2}`}
                fill="none"
                stroke={l.critical ? COLORS.criticalLink : COLORS.link}
                strokeWidth={l.critical ? 1.5 : 1}
                markerEnd={`url(#${uid}-arrow${l.critical ? "-critical" : ""})`}
                data-link={l.critical ? "critical" : "other"}
              />
            );
          })}
          {todayIndex !== null && todayIndex <= days && (
            <line
              x1={x(todayIndex)}
              x2={x(todayIndex)}
              y1={first * ROW}
              y2={last * ROW}
              stroke={COLORS.today}
              strokeWidth={2}
              data-today={schedule.today}
            />
          )}
        </svg>
      </section>
      <Text size="sm" mt="xs">
        <Anchor component={Link} to={tableHref} underline="always">
          The schedule as a table
        </Anchor>{" "}
        (earliest and latest start and finish, slack, critical).
      </Text>
    </div>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Badge
      variant="outline"
      color="gray"
      leftSection={<span style={{ display: "inline-block", width: 10, height: 10, background: color }} />}
    >
      {label}
    </Badge>
  );
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
}
