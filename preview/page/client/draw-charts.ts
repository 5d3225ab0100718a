/// <reference lib="dom" />
/**
 * Runs in the page: draws each chart widget with uPlot from the data the preview computed in Node.
 *
 * Why uPlot: it drew the production steady-day page in half Chart.js's time, in a quarter of its script size
 * (docs/preview.md); it is made for time series (Unix-second x values, gaps as null, UTC through tzDate), and its
 * hooks draw the ALARM spans and the --at marker without a plugin.
 */
import uPlot from "uplot";
import { formatValue } from "../../metric/number-format";
import type { ChartData } from "../../widget-view";

const THRESHOLD_COLOR = "#d13212";
const SPAN_FILL = "rgba(209,50,18,0.13)";

function draw(element: HTMLElement, chart: ChartData): void {
  const width = element.clientWidth;
  const height = element.clientHeight;
  const scaleOf = (axis: "left" | "right") => (axis === "right" ? "right" : "y");
  const series: uPlot.Series[] = [
    {},
    ...chart.series.map(
      (s): uPlot.Series => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        scale: scaleOf(s.axis),
        points: { show: false },
        ...(chart.stacked && { fill: `${s.color}66` }),
      }),
    ),
    ...chart.thresholds.map(
      (t): uPlot.Series => ({
        label: t.label,
        stroke: THRESHOLD_COLOR,
        width: 1,
        dash: [6, 4],
        scale: scaleOf(t.axis),
        points: { show: false },
      }),
    ),
  ];
  const data: uPlot.AlignedData = [
    chart.x as number[],
    ...chart.series.map((s) => s.values as (number | null)[]),
    ...chart.thresholds.map((t) => chart.x.map(() => t.value)),
  ];
  const range =
    (min?: number, max?: number): uPlot.Range.Function =>
    (_u, low, high) => {
      const lo = min ?? Math.min(0, low ?? 0);
      const hi = max ?? (high === null || high === undefined || high <= lo ? lo + 1 : high + (high - lo) * 0.08);
      return [lo, hi];
    };
  const yAxis = (side: "left" | "right"): uPlot.Axis => {
    const spec = side === "left" ? chart.axes.left : chart.axes.right!;
    return {
      scale: scaleOf(side),
      side: side === "left" ? 3 : 1,
      label: spec.label,
      labelSize: spec.label ? 18 : 0,
      size: 48,
      values: (_u, splits) => splits.map(formatValue),
      ...(side === "right" && { grid: { show: false } }),
    };
  };
  const options: uPlot.Options = {
    width,
    height,
    series,
    // Stacked areas fill down to the line below, not to zero.
    ...(chart.stacked && { bands: chart.series.slice(1).map((_s, i): uPlot.Band => ({ series: [i + 2, i + 1] })) }),
    // CloudWatch dashboards can show UTC; so does the preview, the same on every machine.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    scales: {
      x: { time: true, range: (_u, lo, hi) => [Math.min(lo, chart.x[0] ?? lo), Math.max(hi, chart.x[chart.x.length - 1] ?? hi)] },
      y: { range: range(chart.axes.left.min, chart.axes.left.max) },
      ...(chart.axes.right && { right: { range: range(chart.axes.right.min, chart.axes.right.max) } }),
    },
    axes: [{ size: 28, values: (_u, splits) => splits.map(clockLabel) }, yAxis("left"), ...(chart.axes.right ? [yAxis("right")] : [])],
    legend: { live: false },
    cursor: { show: true, drag: { x: false, y: false } },
    hooks: {
      drawClear: [(u) => drawAlarmSpans(u, chart)],
      draw: [(u) => drawAtMarker(u, chart.at)],
    },
  };
  const plot = new uPlot(options, data, element);
  // The legend sits under the plot: give the plot what the legend leaves of the box.
  const legend = plot.root.querySelector<HTMLElement>(".u-legend");
  plot.setSize({ width, height: Math.max(60, height - (legend?.offsetHeight ?? 0)) });
  element.dataset.drawn = "true";
  element.dataset.series = String(chart.series.length);
}

/** 24-hour UTC clock, as CloudWatch's UTC view; midnight shows the date, for runs that cross one. */
function clockLabel(ts: number): string {
  const iso = new Date(ts * 1000).toISOString();
  return iso.slice(11, 16) === "00:00" ? iso.slice(5, 10) : iso.slice(11, 16);
}

/** One shade over the union of the spans: overlapping alarms do not darken it. */
function drawAlarmSpans(u: uPlot, chart: ChartData): void {
  const { left, top, width, height } = u.bbox;
  u.ctx.save();
  u.ctx.fillStyle = SPAN_FILL;
  for (const span of union(chart.alarmSpans)) {
    const from = Math.max(left, u.valToPos(span.from, "x", true));
    const until = Math.min(left + width, u.valToPos(span.until, "x", true));
    if (until > from) u.ctx.fillRect(from, top, until - from, height);
  }
  u.ctx.restore();
}

function union(spans: ChartData["alarmSpans"]): { from: number; until: number }[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: { from: number; until: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.until) last.until = Math.max(last.until, s.until);
    else out.push({ from: s.from, until: s.until });
  }
  return out;
}

function drawAtMarker(u: uPlot, at: number): void {
  const x = Math.round(u.valToPos(at, "x", true));
  const { top, height } = u.bbox;
  u.ctx.save();
  u.ctx.strokeStyle = "#545b64";
  u.ctx.setLineDash([2, 3]);
  u.ctx.lineWidth = 1;
  u.ctx.beginPath();
  u.ctx.moveTo(x, top);
  u.ctx.lineTo(x, top + height);
  u.ctx.stroke();
  u.ctx.restore();
}

const charts = JSON.parse(document.getElementById("preview-charts")?.textContent ?? "{}") as Record<string, ChartData>;
let drawn = 0;
for (const element of Array.from(document.querySelectorAll<HTMLElement>("[data-chart]"))) {
  const chart = charts[element.dataset.chart ?? ""];
  if (!chart) {
    console.error(`preview: no data for chart ${element.dataset.chart}`);
    continue;
  }
  draw(element, chart);
  drawn++;
}
document.body.dataset.chartsDrawn = String(drawn);
