import type { AlarmTimeline, StackAlarms } from "../../replay/engine";
import type { DashboardWidget } from "../dashboard-source";
import type { AxisSpec, ChartSeries, ChartView, SingleValueView, UnrenderedView } from "../widget-view";
import { alarmOverlays } from "./alarm-overlays";
import type { UnitOf } from "./metric-units";
import { formatValue } from "./number-format";
import { computeWidgetSeries, type DrawnSeries, type SeriesSource, type TimeRange } from "./widget-series";
import { parseWidgetLines } from "./widget-lines";

/** What a metric widget is drawn from: the replay's data and alarms, and the moment "now" stands for. */
export interface MetricContext {
  readonly source: SeriesSource;
  readonly range: TimeRange;
  readonly at: number;
  readonly alarms: StackAlarms;
  /** What every alarm name starts with, left out on the graphs (`alarmNamePrefix`). */
  readonly alarmPrefix: string;
  readonly timelines: readonly AlarmTimeline[];
  readonly unitOf: UnitOf;
}

// CloudWatch's default line colours (the d3 category10 palette), in order of the lines.
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function metricWidgetView(widget: DashboardWidget, context: MetricContext): ChartView | SingleValueView | UnrenderedView {
  const p = widget.properties;
  const base = { index: widget.index, type: widget.type, title: typeof p.title === "string" ? p.title : "", placement: widget.placement };
  const view = typeof p.view === "string" ? p.view : "timeSeries";
  if (view !== "timeSeries" && view !== "singleValue") {
    return { ...base, kind: "unrendered", notes: [], reason: `the ${view} view is not drawn offline (time series and single values are)` };
  }
  const { lines, problems } = parseWidgetLines(p);
  const series = computeWidgetSeries(lines, context.source, context.range);
  const notes = [...problems, ...series.notes];
  const colors = colorsOf(series.drawn);
  if (view === "singleValue") {
    const values = series.drawn.map((s, i) => ({ label: s.label, color: colors[i]!, text: latestText(s, context) }));
    return { ...base, kind: "single-value", notes, values };
  }
  const x = unionOfTimes(series.drawn);
  const chartSeries: ChartSeries[] = series.drawn.map((s, i) => ({
    label: s.label,
    color: colors[i]!,
    axis: s.line.yAxis,
    values: onTimes(s, x),
  }));
  const stacked = p.stacked === true;
  const overlays = alarmOverlays(lines, context.alarms, context.timelines, context.range.end, context.alarmPrefix);
  const axes = axesOf(p.yAxis, series.drawn, context.unitOf);
  return {
    ...base,
    kind: "chart",
    notes,
    chart: {
      x,
      series: stacked ? stack(chartSeries) : chartSeries,
      thresholds: overlays.thresholds,
      alarmSpans: overlays.spans,
      axes,
      stacked,
      at: context.at,
    },
  };
}

/** A line's own colour, else the palette's by drawn position (hidden lines take none; each SEARCH result takes one). */
function colorsOf(drawn: readonly DrawnSeries[]): string[] {
  return drawn.map((s, i) => s.line.color ?? PALETTE[i % PALETTE.length]!);
}

function unionOfTimes(drawn: readonly DrawnSeries[]): number[] {
  const times = new Set<number>();
  for (const s of drawn) for (let i = 0; i < s.grid.count; i++) times.add(s.grid.firstStart + i * s.grid.stepSeconds);
  return [...times].sort((a, b) => a - b);
}

/**
 * The series on the chart's times. A line whose period is coarser than another's holds its value over its
 * period (the statistic covers the whole period), so it is not broken into gaps at the finer line's times.
 */
function onTimes(s: DrawnSeries, x: readonly number[]): (number | null)[] {
  return x.map((t) => {
    const i = Math.floor((t - s.grid.firstStart) / s.grid.stepSeconds);
    const v = i >= 0 && i < s.grid.count ? s.values[i]! : Number.NaN;
    return Number.isFinite(v) ? round(v) : null;
  });
}

/** Stacked areas: each line drawn on top of the ones before it (a missing point counts 0, as CloudWatch stacks). */
function stack(series: readonly ChartSeries[]): ChartSeries[] {
  const below: number[] = [];
  return series.map((s) => ({
    ...s,
    values: s.values.map((v, i) => {
      if (v === null) return below[i] === undefined ? null : round(below[i]!);
      below[i] = (below[i] ?? 0) + v;
      return round(below[i]!);
    }),
  }));
}

function axesOf(yAxis: unknown, drawn: readonly DrawnSeries[], unitOf: UnitOf): { left: AxisSpec; right?: AxisSpec } {
  const spec = (side: "left" | "right"): AxisSpec => {
    const given = typeof yAxis === "object" && yAxis !== null ? (yAxis as Record<string, unknown>)[side] : undefined;
    const g = typeof given === "object" && given !== null ? (given as Record<string, unknown>) : {};
    const units = new Set(
      drawn
        .filter((s) => s.line.yAxis === side)
        .map((s) => (s.line.kind === "metric" ? (s.line.stat === "SampleCount" ? "Count" : unitOf(s.line.metric)) : undefined)),
    );
    const unit = units.size === 1 ? [...units][0] : undefined;
    const label = typeof g.label === "string" ? g.label : g.showUnits === false ? undefined : unit;
    return { label: label ?? "", ...(typeof g.min === "number" && { min: g.min }), ...(typeof g.max === "number" && { max: g.max }) };
  };
  return drawn.some((s) => s.line.yAxis === "right") ? { left: spec("left"), right: spec("right") } : { left: spec("left") };
}

/** A single value shows the line's latest datapoint whose period is over by `at` (its minute included): no future data. */
function latestText(s: DrawnSeries, context: MetricContext): string {
  for (let i = s.grid.count - 1; i >= 0; i--) {
    if (s.grid.firstStart + (i + 1) * s.grid.stepSeconds > context.at + 60) continue;
    const v = s.values[i]!;
    if (Number.isFinite(v)) return formatValue(v);
  }
  return "no data";
}

const round = (v: number) => Number(v.toPrecision(6));
