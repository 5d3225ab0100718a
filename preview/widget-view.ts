import type { GridPlacement } from "./grid-geometry";

/**
 * What the page shows for each widget of the body: plain data, computed in Node, serialised into the page.
 * Every widget becomes exactly one view; one the preview cannot draw becomes `unrendered`, never nothing.
 */
export type WidgetView = ChartView | SingleValueView | AlarmStatusView | TextView | LogView | UnrenderedView;

interface ViewBase {
  readonly index: number;
  /** The widget's type in the body (metric, text, alarm, log, …). */
  readonly type: string;
  readonly title: string;
  readonly placement: GridPlacement;
  /** What the preview approximates or could not evaluate for this widget, in plain words. */
  readonly notes: readonly string[];
}

export interface ChartView extends ViewBase {
  readonly kind: "chart";
  readonly chart: ChartData;
}

export interface ChartData {
  /** Unix seconds of each point (period starts). */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly thresholds: readonly ThresholdLine[];
  /** Times when a matched alarm was in ALARM, drawn as shaded spans. */
  readonly alarmSpans: readonly AlarmSpan[];
  readonly axes: { readonly left: AxisSpec; readonly right?: AxisSpec };
  readonly stacked: boolean;
  /** The moment the alarm states and single values are taken (Unix seconds): a marker on the time axis. */
  readonly at: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly axis: "left" | "right";
  /** One per x; null: no datapoint (a gap). */
  readonly values: readonly (number | null)[];
}

export interface ThresholdLine {
  readonly label: string;
  readonly value: number;
  readonly axis: "left" | "right";
}

export interface AlarmSpan {
  readonly alarmName: string;
  readonly from: number;
  /** Exclusive; the run's end when the alarm was still in ALARM. */
  readonly until: number;
}

export interface AxisSpec {
  readonly label: string;
  readonly min?: number;
  readonly max?: number;
}

export interface SingleValueView extends ViewBase {
  readonly kind: "single-value";
  readonly values: readonly { readonly label: string; readonly color: string; readonly text: string }[];
}

export type AlarmStateShown = "OK" | "ALARM" | "INSUFFICIENT_DATA" | "UNKNOWN";

export interface AlarmStatusView extends ViewBase {
  readonly kind: "alarm-status";
  readonly tiles: readonly { readonly alarmName: string; readonly state: AlarmStateShown; readonly since?: number }[];
}

export interface TextView extends ViewBase {
  readonly kind: "text";
  /** Rendered from the widget's Markdown with raw HTML escaped and unsafe links refused (markdown.ts). */
  readonly html: string;
  readonly transparent: boolean;
}

export interface LogView extends ViewBase {
  readonly kind: "log";
  readonly query: string;
  readonly logGroups: readonly string[];
  /** undefined: the query was not evaluated (the reason is in `notes`). */
  readonly table?: LogTable;
}

export interface LogTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** How many identical lines each row stands for (1 for stats rows). */
  readonly repeats: readonly number[];
  readonly matchedLines: number;
}

export interface UnrenderedView extends ViewBase {
  readonly kind: "unrendered";
  readonly reason: string;
}
