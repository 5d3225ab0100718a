import type { Metric } from "../../metrics/metric";
import { Widget } from "../grid";

/** Options CloudWatch accepts after a metric's dimensions in a widget's `metrics` array. */
export interface MetricOptions {
  readonly id?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly visible?: boolean;
}

export interface MetricLine {
  readonly metric: Metric;
  readonly options?: MetricOptions;
}

/** A metric-math line, e.g. `(m2/m1)*100` over inputs with ids m1, m2. */
export interface ExpressionLine {
  readonly expression: string;
  readonly id: string;
  readonly label: string;
}

export interface MetricWidgetProps {
  readonly title: string;
  readonly region: string;
  readonly lines: readonly (MetricLine | ExpressionLine)[];
  readonly view?: "timeSeries" | "singleValue";
  readonly periodSeconds?: number;
  readonly stat?: string;
  readonly width: number;
  readonly height?: number;
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/** A graph or single value over metrics and metric-math expressions. */
export class MetricWidget extends Widget {
  readonly type = "metric";

  constructor(private readonly props: MetricWidgetProps) {
    super(props.width, props.height ?? 6);
    const ids = new Set<string>();
    for (const line of props.lines) {
      const id = "expression" in line ? line.id : line.options?.id;
      if (id === undefined) continue;
      if (!ID.test(id)) throw new Error(`MetricWidget "${props.title}": id "${id}" must start with a lowercase letter; allowed: letters, digits, _`);
      if (ids.has(id)) throw new Error(`MetricWidget "${props.title}": the id "${id}" is used for two lines; rename one`);
      ids.add(id);
    }
    for (const line of props.lines) {
      if (!("expression" in line)) continue;
      // Math functions are upper case (SUM, FILL, METRICS); every lower-case word is a line id.
      for (const ref of line.expression.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []) {
        if (!ids.has(ref)) {
          throw new Error(`MetricWidget "${props.title}": expression "${line.expression}" uses "${ref}", which no line defines`);
        }
      }
    }
  }

  properties(): Record<string, unknown> {
    const p = this.props;
    return {
      title: p.title,
      region: p.region,
      view: p.view ?? "timeSeries",
      ...(p.stat ? { stat: p.stat } : {}),
      period: p.periodSeconds ?? 300,
      metrics: p.lines.map(renderLine),
    };
  }
}

/** The documented array form: [namespace, name, dimKey, dimValue, …, {options}]. */
function renderLine(line: MetricLine | ExpressionLine): unknown[] {
  if ("expression" in line) return [{ expression: line.expression, label: line.label, id: line.id }];
  const m = line.metric;
  const dims = Object.entries(m.dimensions).flat();
  return line.options ? [m.namespace, m.metricName, ...dims, { ...line.options }] : [m.namespace, m.metricName, ...dims];
}
