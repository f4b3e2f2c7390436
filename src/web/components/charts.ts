/**
 * A chart's grid whose margins hold the axis labels and the axis names too: ECharts' old
 * `containLabel` left the names out, which clipped "Maturity" and the loss curve's y-axis title.
 */
export function chartGrid(margins: { left: number; right: number; top: number; bottom: number }) {
  return { ...margins, outerBoundsMode: "same", outerBoundsContain: "all" } as const;
}

/** Axis ticks in the currency: "€20K", "$1.5M". */
export function moneyTick(currency: string, locale?: string): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (value) => format.format(value);
}
