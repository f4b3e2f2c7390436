import { Badge, Box, Group, SimpleGrid, Table, Text, useMantineTheme } from "@mantine/core";
import { LineChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { exceedanceOption } from "../../../core/charts/options";
import { formatMoney } from "../../../core/money/money";
import { useCurrentOrg } from "../../app/org-scope";
import { QueryState } from "../../components/query-state";
import { type RiskQuantResult, useRiskQuant } from "./risks-api";

echarts.use([LineChart, GridComponent, CanvasRenderer]);

type Summary = RiskQuantResult["current"];

/** Whole amounts in the organization's locale (issue 11, item 10). */
function money(value: number, currency: string, locale: string): string {
  return formatMoney(value, currency, locale, 0);
}

/** The loss exceedance curves on canvas: the chance that a year's loss is above each amount. */
function ExceedanceChart({ result }: { result: RiskQuantResult }) {
  const { locale } = useCurrentOrg().org;
  const theme = useMantineTheme();
  const container = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () =>
      exceedanceOption(
        result.currency,
        result.current.curve,
        result.residual?.curve ?? null,
        { current: theme.colors.red[7], residual: theme.colors.teal[7] },
        { locale },
      ),
    [result, theme, locale],
  );
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
  const describe = (name: string, s: Summary) =>
    `${name}: expected annual loss ${money(s.ale, result.currency, locale)}, 1 in 10 years above ${money(s.p90, result.currency, locale)}`;
  return (
    <>
      <Box
        ref={container}
        h={280}
        role="img"
        aria-label={`Loss exceedance curve. ${describe("Current", result.current)}${result.residual ? `; ${describe("Residual", result.residual)}` : ""}.`}
      />
      <Group gap={6} mt="xs" aria-hidden>
        <Badge size="sm" variant="dot" color="red">
          Current
        </Badge>
        {result.residual && (
          <Badge size="sm" variant="dot" color="teal">
            Residual
          </Badge>
        )}
      </Group>
    </>
  );
}

function SummaryTable({ result }: { result: RiskQuantResult }) {
  const { locale } = useCurrentOrg().org;
  const cases = [["Current", result.current] as const, ...(result.residual ? [["Residual", result.residual] as const] : [])];
  const rows: [string, (s: Summary) => number][] = [
    ["Expected annual loss (ALE)", (s) => s.ale],
    ["P50 (median year)", (s) => s.p50],
    ["P90 (1 year in 10)", (s) => s.p90],
    ["P95 (1 year in 20)", (s) => s.p95],
    ["P99 (1 year in 100)", (s) => s.p99],
  ];
  return (
    <Table withTableBorder verticalSpacing={4} aria-label="Simulated annual loss" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Annual loss</Table.Th>
          {cases.map(([name]) => (
            <Table.Th key={name} ta="right">
              {name}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, pick]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            {cases.map(([name, s]) => (
              <Table.Td key={name} ta="right">
                {money(pick(s), result.currency, locale)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The saved estimates simulated on the server (seeded, so the figures are repeatable). */
export function RiskQuantResults({ orgId, riskId, version }: { orgId: string; riskId: string; version: number }) {
  const { locale } = useCurrentOrg().org;
  const quant = useRiskQuant(orgId, riskId, true, version);
  return (
    <QueryState isPending={quant.isPending} error={quant.error}>
      {quant.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <div>
            <SummaryTable result={quant.data} />
            {quant.data.treatmentValue ? (
              <Text size="sm" mt="sm">
                Treatment value: the expected loss falls by {money(quant.data.treatmentValue.reduction, quant.data.currency, locale)} a
                year; net of the control cost, {money(quant.data.treatmentValue.net, quant.data.currency, locale)}
                {quant.data.treatmentValue.ratio !== null ? ` (return ${quant.data.treatmentValue.ratio.toFixed(1)} × the cost)` : ""}.
              </Text>
            ) : (
              <Text size="sm" c="dimmed" mt="sm">
                Add residual estimates to see what the treatment is worth.
              </Text>
            )}
            <Text size="xs" c="dimmed" mt="xs">
              {quant.data.current.iterations.toLocaleString()} simulated years, seed {quant.data.current.seed}.
            </Text>
          </div>
          <ExceedanceChart result={quant.data} />
        </SimpleGrid>
      )}
    </QueryState>
  );
}
