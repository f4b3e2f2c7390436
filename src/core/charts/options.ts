import { GAP_STATUSES, type GapStatus, type GroupSummary, MAX_MATURITY } from "../gap/summary.js";

/**
 * Chart options (Apache ECharts) built from data alone, shared by the web app (canvas) and the
 * document renderers (server-side SVG): one definition per chart, so a document's chart is the
 * chart on the page. Colours are passed in, since the web takes them from its theme.
 */

/**
 * A grid whose margins hold the axis labels and names too: ECharts' old `containLabel` left the
 * names out, which clipped "Maturity" and the loss curve's y-axis title.
 */
export function chartGrid(margins: { left: number; right: number; top: number; bottom: number }) {
  return { ...margins, outerBoundsMode: "same", outerBoundsContain: "all" } as const;
}

/** Axis ticks in the currency: "€20K", "$1.5M". */
export function moneyTick(currency: string, locale = "en"): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (value) => format.format(value);
}

export const GAP_STATUS_LABELS: Record<GapStatus, string> = {
  not_assessed: "Not assessed",
  not_implemented: "Not implemented",
  partially_implemented: "Partially implemented",
  implemented: "Implemented",
  not_applicable: "Not applicable",
};

/** Mantine's shade 6 of each status colour, for renderers without the web theme. */
export const GAP_STATUS_HEX: Record<GapStatus, string> = {
  not_assessed: "#868e96",
  not_implemented: "#fa5252",
  partially_implemented: "#fab005",
  implemented: "#12b886",
  not_applicable: "#228be6",
};

type Groups = readonly Pick<GroupSummary, "title" | "counts">[];

/** How far each group has got: a stacked bar of item counts by status. */
export function statusByGroupOption(groups: Groups, colours: Record<GapStatus, string>, opts: { legend?: boolean } = {}) {
  return {
    animation: false,
    grid: chartGrid({ left: 8, right: 16, top: opts.legend ? 36 : 8, bottom: 8 }),
    ...(opts.legend ? { legend: { top: 0, data: GAP_STATUSES.map((s) => GAP_STATUS_LABELS[s]) } } : {}),
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: groups.map((g) => g.title) },
    series: GAP_STATUSES.map((status) => ({
      type: "bar",
      stack: "status",
      name: GAP_STATUS_LABELS[status],
      itemStyle: { color: colours[status] },
      data: groups.map((g) => g.counts[status] ?? 0),
    })),
  };
}

export const MATURITY_LEVELS = Array.from({ length: MAX_MATURITY + 1 }, (_, i) => String(i));

/** How mature what exists is: the number of rated items at each maturity level. */
export function maturityOption(distribution: readonly number[], colour: string) {
  return {
    animation: false,
    grid: chartGrid({ left: 8, right: 16, top: 16, bottom: 8 }),
    xAxis: { type: "category", data: MATURITY_LEVELS, name: "Maturity level", nameLocation: "middle", nameGap: 28 },
    yAxis: { type: "value", minInterval: 1, name: "Items", nameLocation: "middle", nameGap: 32 },
    series: [{ type: "bar", name: "Items", itemStyle: { color: colour }, data: [...distribution] }],
  };
}

export interface CurvePoint {
  loss: number;
  probability: number;
}

/** The loss exceedance curves: the chance that a year's loss is above each amount. */
export function exceedanceOption(
  currency: string,
  current: readonly CurvePoint[],
  residual: readonly CurvePoint[] | null,
  colours: { current: string; residual: string },
  opts: { legend?: boolean; locale?: string } = {},
) {
  return {
    animation: false,
    grid: chartGrid({ left: 8, right: 24, top: opts.legend ? 36 : 16, bottom: 8 }),
    ...(opts.legend ? { legend: { top: 0, data: residual ? ["Current", "Residual"] : ["Current"] } } : {}),
    xAxis: {
      type: "value",
      name: `Annual loss (${currency})`,
      nameLocation: "middle",
      nameGap: 28,
      scale: true,
      axisLabel: { formatter: moneyTick(currency, opts.locale) },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 1,
      name: "Chance of a higher loss",
      nameLocation: "middle",
      nameGap: 44,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        type: "line",
        name: "Current",
        showSymbol: false,
        itemStyle: { color: colours.current },
        data: current.map((p) => [p.loss, p.probability]),
      },
      ...(residual
        ? [
            {
              type: "line",
              name: "Residual",
              showSymbol: false,
              itemStyle: { color: colours.residual },
              data: residual.map((p) => [p.loss, p.probability]),
            },
          ]
        : []),
    ],
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface GanttTask {
  ref: string;
  title: string;
  /** ISO dates: the first and the last working day. */
  start: string;
  finish: string;
  critical: boolean;
  milestone: boolean;
}

/**
 * A Gantt chart as a stacked horizontal bar: an invisible bar up to each task's start, then the
 * task's own bar (critical-path tasks in the critical colour, milestones as a one-day mark).
 * Days count from the plan's start; the axis labels them as dates.
 */
export function ganttOption(tasks: readonly GanttTask[], colours: { task: string; critical: string; milestone: string }) {
  const origin = tasks.length ? Math.min(...tasks.map((t) => dayNumber(t.start))) : 0;
  const offset = tasks.map((t) => dayNumber(t.start) - origin);
  const length = tasks.map((t) => Math.max(1, dayNumber(t.finish) - dayNumber(t.start) + 1));
  return {
    animation: false,
    grid: chartGrid({ left: 8, right: 24, top: 8, bottom: 8 }),
    xAxis: {
      type: "value",
      min: 0,
      axisLabel: { formatter: (v: number) => isoOfDay(origin + v) },
      splitLine: { show: true },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: tasks.map((t) => `${t.ref} ${t.title.length > 34 ? `${t.title.slice(0, 33)}…` : t.title}`),
      axisLabel: { fontSize: 9 },
    },
    series: [
      { type: "bar", stack: "gantt", silent: true, itemStyle: { color: "transparent" }, data: offset },
      {
        type: "bar",
        stack: "gantt",
        barMaxWidth: 12,
        data: tasks.map((t, i) => ({
          value: length[i],
          itemStyle: { color: t.milestone ? colours.milestone : t.critical ? colours.critical : colours.task },
        })),
      },
    ],
  };
}

export interface TrendPoint {
  period: string;
  value: number | null;
}

/** A measure's trend: its values by period, with the target as a dashed line where it has one. */
export function trendOption(name: string, points: readonly TrendPoint[], target: number | null, colours: { line: string; target: string }) {
  return {
    animation: false,
    grid: chartGrid({ left: 8, right: 16, top: 28, bottom: 8 }),
    title: { text: name, left: 0, top: 0, textStyle: { fontSize: 12 } },
    xAxis: { type: "category", data: points.map((p) => p.period) },
    yAxis: { type: "value", scale: true },
    series: [
      {
        type: "line",
        name,
        connectNulls: false,
        itemStyle: { color: colours.line },
        data: points.map((p) => p.value),
        ...(target !== null
          ? { markLine: { silent: true, symbol: "none", lineStyle: { color: colours.target, type: "dashed" }, data: [{ yAxis: target }] } }
          : {}),
      },
    ],
  };
}
