import { Box, Text, useMantineTheme } from "@mantine/core";
import { ScatterChart } from "echarts/charts";
import { GridComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import type { Milestone } from "../../../contracts/mandate";
import { chartGrid } from "../../components/charts";
import { formatDay } from "../../components/format";

// The canvas renderer only draws pixels; the SVG renderer writes style attributes, which the strict CSP refuses.
echarts.use([ScatterChart, GridComponent, MarkLineComponent, CanvasRenderer]);

const ROW_HEIGHT = 40;
const AXES_HEIGHT = 70;
const DAY_MS = 86_400_000;
const MARGIN_DAYS = 14;

/** The milestones with a due date on a time axis, earliest first, with today marked: the plan at a glance. */
export function MilestoneTimeline({ milestones }: { milestones: readonly Milestone[] }) {
  const theme = useMantineTheme();
  const container = useRef<HTMLDivElement>(null);
  const dated = useMemo(
    () => milestones.filter((m) => m.dueDate).sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? "")),
    [milestones],
  );
  const undated = milestones.filter((m) => !m.dueDate);

  useEffect(() => {
    const element = container.current;
    if (!element || dated.length === 0) return;
    const today = new Date().toISOString().slice(0, 10);
    const days = [today, ...dated.map((m) => m.dueDate ?? today)].map((day) => Date.parse(`${day}T00:00:00Z`));
    const chart = echarts.init(element, undefined, { renderer: "canvas" });
    chart.setOption({
      // A chart that moves makes screenshots and printouts differ from what was on screen.
      animation: false,
      // Due dates are calendar days, shown as such wherever the viewer is (as formatDay does).
      useUTC: true,
      grid: chartGrid({ left: 8, right: 48, top: 24, bottom: 24 }),
      // From today to the last milestone, with a margin, and never finer than a day.
      xAxis: {
        type: "time",
        min: Math.min(...days) - MARGIN_DAYS * DAY_MS,
        max: Math.max(...days) + MARGIN_DAYS * DAY_MS,
        minInterval: DAY_MS,
        splitLine: { show: true },
      },
      yAxis: { type: "category", inverse: true, data: dated.map((m) => m.title), axisLabel: { width: 220, overflow: "truncate" } },
      series: [
        {
          type: "scatter",
          symbol: "diamond",
          symbolSize: 16,
          data: dated.map((m) => ({
            value: [m.dueDate, m.title],
            itemStyle: { color: m.done ? theme.colors.teal[6] : theme.colors.blue[6] },
          })),
          label: {
            show: true,
            position: "right",
            formatter: (params: { dataIndex: number }) => {
              const milestone = dated[params.dataIndex];
              return milestone ? `${formatDay(milestone.dueDate)}${milestone.done ? " ✓" : ""}` : "";
            },
          },
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: theme.colors.orange[7] },
            label: { formatter: "Today", position: "start" },
            data: [{ xAxis: today }],
          },
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [dated, theme]);

  if (milestones.length === 0) return null;
  const summary = dated.map((m) => `${m.title}: due ${formatDay(m.dueDate)}${m.done ? ", done" : ""}`).join("; ");
  return (
    <Box component="figure" m={0} mt="md" aria-labelledby="milestone-timeline-caption">
      <Text component="figcaption" id="milestone-timeline-caption" size="sm" fw={600} mb="xs">
        Timeline
      </Text>
      {dated.length > 0 && (
        <Box ref={container} h={AXES_HEIGHT + ROW_HEIGHT * dated.length} role="img" aria-label={`Milestones by due date. ${summary}.`} />
      )}
      {undated.length > 0 && (
        <Text size="sm" c="dimmed">
          Not on the timeline, no due date yet: {undated.map((m) => m.title).join(", ")}.
        </Text>
      )}
    </Box>
  );
}
