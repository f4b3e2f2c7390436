import { Badge, Box, Group, useMantineTheme } from "@mantine/core";
import { BarChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { MATURITY_LEVELS as LEVELS, maturityOption, statusByGroupOption } from "../../../core/charts/options";
import { GAP_STATUSES, type GapStatus } from "../../../core/gap/summary";
import type { GapSummary } from "./gap-api";
import { STATUS_COLORS, STATUS_LABELS } from "./gap-labels";

echarts.use([BarChart, GridComponent, CanvasRenderer]);

/** A chart drawn on canvas from an option the caller memoizes, redrawn when it changes. */
function useChart(option: echarts.EChartsCoreOption) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: "canvas" });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return container;
}

/** How far each group (Annex A theme, or clause 4 to 10) has got: a stacked bar of item counts by status. */
export function StatusByGroup({ groups, label }: { groups: GapSummary["byTheme"]; label: string }) {
  const theme = useMantineTheme();
  const option = useMemo(
    () =>
      statusByGroupOption(
        groups,
        Object.fromEntries(GAP_STATUSES.map((s) => [s, theme.colors[STATUS_COLORS[s]][6]])) as Record<GapStatus, string>,
      ),
    [groups, theme],
  );
  const container = useChart(option);
  const text = groups
    .map((g) => `${g.title}: ${GAP_STATUSES.map((s) => `${g.counts[s] ?? 0} ${STATUS_LABELS[s].toLowerCase()}`).join(", ")}`)
    .join("; ");
  return (
    <>
      <Box ref={container} h={40 + 44 * groups.length} role="img" aria-label={`${label}. ${text}.`} />
      {/* The legend in HTML: the chart's own legend component would add to every page's charts bundle. */}
      <Group gap={6} mt="xs" aria-hidden>
        {GAP_STATUSES.map((status) => (
          <Badge key={status} size="sm" variant="dot" color={STATUS_COLORS[status]}>
            {STATUS_LABELS[status]}
          </Badge>
        ))}
      </Group>
    </>
  );
}

/** How mature what exists is: the number of rated items at each maturity level. */
export function MaturityProfile({ summary }: { summary: GapSummary }) {
  const theme = useMantineTheme();
  const { distribution } = summary.totals.maturity;
  const option = useMemo(() => maturityOption(distribution, theme.colors.indigo[6]), [distribution, theme]);
  const container = useChart(option);
  const text = LEVELS.map((level, i) => `level ${level}: ${distribution[i] ?? 0}`).join(", ");
  return <Box ref={container} h={240} role="img" aria-label={`Maturity profile. ${text}.`} />;
}
