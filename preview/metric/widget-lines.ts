import type { MetricId } from "../../replay/metric-data";
import { isJsonObject } from "../../replay/json-object";

/**
 * The entries of a metric widget's `metrics` array in the documented forms: `[namespace, name, dimKey, dimValue, …,
 * {options}?]` for a metric, `[{expression, id, …}]` for an expression. A `"."` repeats the previous entry's value at
 * the same position (the body doc's shorthand). Stat and period fall back to the widget's, then to CloudWatch's
 * defaults (Average, 300 s).
 */
export interface LineCommon {
  readonly id?: string;
  readonly label?: string;
  readonly color?: string;
  readonly visible: boolean;
  readonly yAxis: "left" | "right";
  readonly periodSeconds: number;
}

export interface MetricLine extends LineCommon {
  readonly kind: "metric";
  readonly metric: MetricId;
  readonly stat: string;
}

export interface ExpressionLine extends LineCommon {
  readonly kind: "expression";
  readonly id: string;
  readonly expression: string;
}

export type WidgetLine = MetricLine | ExpressionLine;

export interface ParsedLines {
  readonly lines: readonly WidgetLine[];
  /** Entries that are neither form, in plain words. */
  readonly problems: readonly string[];
}

export const DEFAULT_STAT = "Average";
export const DEFAULT_PERIOD = 300;

export function parseWidgetLines(properties: Readonly<Record<string, unknown>>): ParsedLines {
  const widgetStat = typeof properties.stat === "string" ? properties.stat : DEFAULT_STAT;
  const widgetPeriod = typeof properties.period === "number" ? properties.period : DEFAULT_PERIOD;
  const metrics = Array.isArray(properties.metrics) ? (properties.metrics as unknown[]) : [];
  const lines: WidgetLine[] = [];
  const problems: string[] = [];
  let previous: readonly unknown[] = [];
  metrics.forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length === 0) {
      problems.push(`metrics.${i} is not a metric or expression entry`);
      return;
    }
    const last = entry[entry.length - 1];
    const options = isJsonObject(last) ? last : {};
    const common = {
      ...(typeof options.id === "string" && { id: options.id }),
      ...(typeof options.label === "string" && { label: options.label }),
      ...(typeof options.color === "string" && { color: options.color }),
      visible: options.visible !== false,
      yAxis: options.yAxis === "right" ? ("right" as const) : ("left" as const),
      periodSeconds: typeof options.period === "number" ? options.period : widgetPeriod,
    };
    if (typeof options.expression === "string" && entry.length === 1) {
      lines.push({ ...common, kind: "expression", id: common.id ?? `expression${i}`, expression: options.expression });
      return;
    }
    const names = (isJsonObject(last) ? entry.slice(0, -1) : entry).map((v, j) => (v === "." ? previous[j] : v));
    if (names.length < 2 || names.length % 2 !== 0 || !names.every((v): v is string => typeof v === "string")) {
      problems.push(`metrics.${i}: expected [namespace, name, dimension name, value, …], received ${JSON.stringify(entry)}`);
      return;
    }
    previous = names;
    const dimensions: Record<string, string> = {};
    for (let j = 2; j < names.length; j += 2) dimensions[names[j]!] = names[j + 1]!;
    const stat = typeof options.stat === "string" ? options.stat : widgetStat;
    lines.push({ ...common, kind: "metric", metric: { namespace: names[0]!, metricName: names[1]!, dimensions }, stat });
  });
  return { lines, problems };
}

/** CloudWatch's default label: the metric name, or the expression's id. */
export function defaultLabel(line: WidgetLine): string {
  return line.label ?? (line.kind === "metric" ? line.metric.metricName : line.id);
}
