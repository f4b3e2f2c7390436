import { Badge, Table } from "@mantine/core";
import type { Measure, Point } from "../../../contracts/measures";
import { type IndicatorStatus, STATUS_LABELS, statusText } from "../../../core/measurement/indicator";

export const STATUS_COLOURS: Record<IndicatorStatus, string> = { on_target: "green", watch: "yellow", act: "red" };
const BAND_FILL: Record<IndicatorStatus, string> = { on_target: "#d3f9d8", watch: "#fff3bf", act: "#ffe3e3" };

/**
 * A point's status, or why it has none: "no value", or "no criteria" when a value was measured
 * but the measure has no decision criteria to read it by (`label` overrides the words).
 */
export function StatusBadge({
  status,
  reason,
  value,
  criteria,
  label,
}: {
  status: IndicatorStatus | null | undefined;
  reason?: string | null;
  value?: number | null | undefined;
  criteria?: { onTarget: number | null; act: number | null };
  label?: string;
}) {
  if (!status)
    return (
      <Badge variant="outline" color="gray" title={reason ?? undefined}>
        {label ?? statusText(status, value, criteria ?? { onTarget: null, act: null })}
      </Badge>
    );
  return (
    <Badge variant="light" color={STATUS_COLOURS[status]} c={status === "watch" ? "dark" : undefined}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export const valueText = (value: number | null, unit: string) =>
  value === null ? "no value" : `${Math.round(value * 100) / 100}${unit ? ` ${unit}` : ""}`;

const W = 720;
const H = 260;
const M = { left: 48, right: 32, top: 16, bottom: 36 }; // right: room for half of the last period label

/**
 * An indicator's values over its periods as an SVG line, over bands that show where the decision
 * criteria put "on target", "watch" and "act", with the target as a dashed line. The table after
 * it carries the same values with their status, for whoever cannot see the chart.
 */
export function TrendChart({ measure, points }: { measure: Measure; points: Point[] }) {
  const numbers = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const marks = [measure.onTarget, measure.act, measure.target].filter((v): v is number => v !== null);
  const all = [...numbers, ...marks];
  const lo0 = all.length ? Math.min(...all) : 0;
  const hi0 = all.length ? Math.max(...all) : 1;
  const pad = (hi0 - lo0 || Math.abs(hi0) || 1) * 0.1;
  const lo = lo0 - pad;
  const hi = hi0 + pad;
  const y = (v: number) => M.top + ((hi - v) / (hi - lo)) * (H - M.top - M.bottom);
  const step = points.length > 1 ? (W - M.left - M.right) / (points.length - 1) : 0;
  const x = (i: number) => M.left + (points.length > 1 ? i * step : (W - M.left - M.right) / 2);
  const bands: { status: IndicatorStatus; from: number; to: number }[] = [];
  if (measure.onTarget !== null && measure.act !== null) {
    const higher = measure.direction === "higher_is_better";
    bands.push(
      { status: "on_target", from: higher ? measure.onTarget : lo, to: higher ? hi : measure.onTarget },
      { status: "watch", from: Math.min(measure.act, measure.onTarget), to: Math.max(measure.act, measure.onTarget) },
      { status: "act", from: higher ? lo : measure.act, to: higher ? measure.act : hi },
    );
  }
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.value === null) segments.push([]);
    else segments.at(-1)?.push(`${x(i)},${y(p.value)}`);
  });
  const ticks = [lo0, (lo0 + hi0) / 2, hi0];
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const latest = points.at(-1);
  const summary = `${measure.ref} ${measure.title}: ${numbers.length} value(s) over ${points.length} period(s)${
    latest
      ? `; latest ${valueText(latest.value, measure.unit)} for ${latest.period}, ${statusText(latest.status, latest.value, measure)}`
      : ""
  }${measure.target !== null ? `; target ${valueText(measure.target, measure.unit)}` : ""}. The table below lists every value.`;
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={summary} style={{ maxWidth: W }} data-testid="trend-chart">
        {bands.map((b) => (
          <rect
            key={b.status}
            data-band={b.status}
            x={M.left}
            width={W - M.left - M.right}
            y={y(Math.min(hi, b.to))}
            height={Math.max(0, y(Math.max(lo, b.from)) - y(Math.min(hi, b.to)))}
            fill={BAND_FILL[b.status]}
          />
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="#495057" />
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#495057" />
        {ticks.map((t) => (
          <text key={t} x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#343a40">
            {Math.round(t * 10) / 10}
          </text>
        ))}
        {measure.target !== null && (
          <g data-testid="target-line">
            <line x1={M.left} x2={W - M.right} y1={y(measure.target)} y2={y(measure.target)} stroke="#1864ab" strokeDasharray="6 4" />
            <text x={W - M.right - 4} y={y(measure.target) - 4} textAnchor="end" fontSize="11" fill="#1864ab">
              target {measure.target}
            </text>
          </g>
        )}
        {segments
          .filter((s) => s.length > 1)
          .map((s) => (
            <polyline key={s[0]} points={s.join(" ")} fill="none" stroke="#212529" strokeWidth="2" />
          ))}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle
              key={p.period}
              data-status={p.status ?? "none"}
              cx={x(i)}
              cy={y(p.value)}
              r="4"
              fill={p.status === "act" ? "#c92a2a" : p.status === "watch" ? "#e67700" : p.status === "on_target" ? "#2b8a3e" : "#495057"}
            />
          ),
        )}
        {points.map((p, i) =>
          i % labelEvery === 0 || i === points.length - 1 ? (
            <text key={p.period} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" fontSize="11" fill="#343a40">
              {p.period.slice(0, 7)}
            </text>
          ) : null,
        )}
      </svg>
      <Table striped withTableBorder aria-label={`Values of ${measure.ref}`} mt="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Period from</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((p) => (
            <Table.Tr key={p.period}>
              <Table.Td>{p.period}</Table.Td>
              <Table.Td>{p.value === null ? `no value${p.reason ? `: ${p.reason}` : ""}` : valueText(p.value, measure.unit)}</Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} reason={p.reason} value={p.value} criteria={measure} />
              </Table.Td>
              <Table.Td>{p.note ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
