import { Box, Text, useMantineTheme } from "@mantine/core";
import { ScatterChart } from "echarts/charts";
import { GridComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import type { AssetGraphSchema } from "../../../contracts/assets";

// Nodes as a scatter and links as mark lines: echarts' graph series would push the shared charts
// bundle over the build's size limit, while these modules are loaded for the milestone timeline anyway.
echarts.use([ScatterChart, GridComponent, MarkLineComponent, CanvasRenderer]);

type Graph = z.infer<typeof AssetGraphSchema>;

const ROW_HEIGHT = 48;
const PADDING = 48;
const COLUMN = { supporting: 0, primary: 1 } as const;

/**
 * Supporting assets on the left, the primary assets they support on the right, an arrow for
 * each supports link: which processes and information a failing system would take with it.
 */
export function AssetGraph({ graph, focusId }: { graph: Graph; focusId?: string }) {
  const theme = useMantineTheme();
  const container = useRef<HTMLDivElement>(null);
  const rowsNeeded = Math.max(1, ...(["supporting", "primary"] as const).map((c) => graph.nodes.filter((n) => n.category === c).length));

  useEffect(() => {
    const element = container.current;
    if (!element || graph.edges.length === 0) return;
    const rows = { supporting: 0, primary: 0 };
    const position = new Map(graph.nodes.map((node) => [node.id, [COLUMN[node.category], rows[node.category]++] as const]));
    const chart = echarts.init(element, undefined, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 180, right: 180, top: 16, bottom: 16 },
      xAxis: { type: "value", min: 0, max: 1, show: false },
      yAxis: { type: "value", min: -0.5, max: rowsNeeded - 0.5, inverse: true, show: false },
      series: [
        {
          type: "scatter",
          data: graph.nodes.map((node) => ({
            name: node.name,
            value: position.get(node.id),
            symbolSize: node.id === focusId ? 20 : 12,
            itemStyle: { color: node.category === "primary" ? theme.colors.blue[6] : theme.colors.teal[6] },
            label: { show: true, formatter: node.name, position: node.category === "supporting" ? "left" : "right" },
          })),
          markLine: {
            silent: true,
            symbol: ["none", "arrow"],
            lineStyle: { color: theme.colors.gray[6], width: 1.5, type: "solid" },
            label: { show: false },
            data: graph.edges.map((e) => [{ coord: position.get(e.from) }, { coord: position.get(e.to) }]),
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
  }, [graph, focusId, theme, rowsNeeded]);

  if (graph.edges.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No supports links yet.
      </Text>
    );
  }
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const summary = graph.edges.map((e) => `${names.get(e.from)} supports ${names.get(e.to)}`).join("; ");
  return <Box ref={container} h={PADDING + ROW_HEIGHT * rowsNeeded} role="img" aria-label={`Dependency graph. ${summary}.`} />;
}
