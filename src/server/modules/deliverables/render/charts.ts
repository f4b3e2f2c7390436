import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { ChartSpec } from "../../../../core/deliverables/model.js";

/**
 * Charts drawn on the server from the same ECharts options the web app uses: ECharts renders SVG
 * without a DOM (`ssr: true`), resvg turns it into a PNG for DOCX and PDF. No browser involved.
 */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption({ backgroundColor: "#ffffff", textStyle: { fontFamily: "sans-serif" }, ...spec.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Each chart's PNG, kept while its model lives: a pack renders one model to PDF and DOCX, and the
 * chart is drawn once for both (resvg was a sixth of the demo pack's time).
 */
const drawn = new WeakMap<ChartSpec, Buffer>();

/** PNG at twice the chart's size, for print. */
export function chartPng(spec: ChartSpec): Buffer {
  const cached = drawn.get(spec);
  if (cached) return cached;
  const png = draw(spec);
  drawn.set(spec, png);
  return png;
}

function draw(spec: ChartSpec): Buffer {
  const svg = chartSvg(spec);
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  }).render();
  return png.asPng();
}
