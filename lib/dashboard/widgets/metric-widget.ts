import type { Metric } from "../../metrics/metric";
import { callsFunction, parseOrProblem, QUERY_ID, referencedIds } from "../../metrics/metric-math";
import { isStatistic, STATISTIC_RULE } from "../../metrics/statistic";
import { isKnownRegion } from "../../config/aws-regions";
import { Widget } from "../grid";

/** Rendering options CloudWatch accepts after a metric's dimensions in a widget's `metrics` array. */
export interface MetricOptions {
  /** Name for metric math; starts with a lowercase letter. */
  readonly id?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly periodSeconds?: number;
  /** false: fetched for an expression but not drawn (a hidden input). */
  readonly visible?: boolean;
  readonly yAxis?: "left" | "right";
}

export interface MetricLine {
  readonly metric: Metric;
  readonly options?: MetricOptions;
}

/** A metric-math or SEARCH line, e.g. `(m2/m1)*100` over inputs with ids m1, m2. */
export interface ExpressionLine {
  readonly expression: string;
  readonly id: string;
  readonly label?: string;
  readonly visible?: boolean;
  readonly periodSeconds?: number;
}

export type MetricWidgetLine = MetricLine | ExpressionLine;
export type MetricView = "timeSeries" | "singleValue" | "bar" | "pie";

export interface MetricWidgetProps {
  readonly title: string;
  readonly region: string;
  readonly lines: readonly MetricWidgetLine[];
  readonly view?: MetricView;
  /** Default for every line; each line may override it. */
  readonly periodSeconds?: number;
  /** Default statistic for every metric line; CloudWatch uses Average when neither is set. */
  readonly stat?: string;
  readonly stacked?: boolean;
  readonly width: number;
  readonly height?: number;
}

// Dashboard body doc: a metrics array holds at most 500 metrics and expressions; a graph at most 100 SEARCHes.
export const MAX_LINES = 500;
export const MAX_SEARCHES = 100;

export const isExpression = (line: MetricWidgetLine): line is ExpressionLine => "expression" in line;
const idOf = (line: MetricWidgetLine) => (isExpression(line) ? line.id : line.options?.id);
const visibleOf = (line: MetricWidgetLine) => (isExpression(line) ? line.visible : line.options?.visible) !== false;

/** A graph or single value over metrics and metric-math expressions, checked against CloudWatch's rules when built. */
export class MetricWidget extends Widget {
  readonly type = "metric";

  constructor(private readonly props: MetricWidgetProps) {
    super(props.width, props.height ?? 6, `MetricWidget "${props.title}"`);
    const problems = checkMetricWidget(props);
    if (problems.length > 0) throw new Error(`MetricWidget "${props.title}": ${problems.join("; ")}`);
  }

  properties(): Record<string, unknown> {
    const p = this.props;
    return {
      title: p.title,
      region: p.region,
      view: p.view ?? "timeSeries",
      ...(p.stacked !== undefined ? { stacked: p.stacked } : {}),
      ...(p.stat ? { stat: p.stat } : {}),
      period: p.periodSeconds ?? 300,
      metrics: p.lines.map(renderLine),
    };
  }
}

export function checkMetricWidget(p: MetricWidgetProps): string[] {
  const problems: string[] = [];
  if (!isKnownRegion(p.region)) problems.push(`region ${JSON.stringify(p.region)} is not an AWS region such as us-east-1`);
  if (p.lines.length < 1 || p.lines.length > MAX_LINES) problems.push(`has ${p.lines.length} lines; allowed: 1..${MAX_LINES}`);
  if (p.stat !== undefined && !isStatistic(p.stat))
    problems.push(`stat ${JSON.stringify(p.stat)} is not a CloudWatch statistic; ${STATISTIC_RULE}`);
  if (p.periodSeconds !== undefined && !isGraphPeriod(p.periodSeconds))
    problems.push(`period ${p.periodSeconds} s is not allowed; allowed: a multiple of 60`);

  const ids = new Set<string>();
  for (const line of p.lines) {
    const id = idOf(line);
    if (id === undefined) continue;
    if (!QUERY_ID.test(id)) problems.push(`id "${id}" must start with a lowercase letter; allowed: letters, digits, _`);
    if (ids.has(id)) problems.push(`the id "${id}" is used for two lines; rename one`);
    ids.add(id);
  }

  const used = new Set<string>();
  let searches = 0;
  for (const line of p.lines) {
    if (isExpression(line)) {
      const parsed = parseOrProblem(line.expression, `line "${line.id}"`);
      if ("problem" in parsed) problems.push(parsed.problem);
      else if (callsFunction(parsed.tree, "SEARCH")) searches++;
      for (const ref of "tree" in parsed ? referencedIds(parsed.tree) : []) {
        if (ref === line.id) problems.push(`expression "${line.expression}" uses its own id "${ref}"`);
        else if (!ids.has(ref)) problems.push(`expression "${line.expression}" uses "${ref}", which no line defines`);
        used.add(ref);
      }
      if (line.periodSeconds !== undefined && !isGraphPeriod(line.periodSeconds))
        problems.push(`line "${line.id}": period ${line.periodSeconds} s is not allowed; allowed: a multiple of 60`);
    } else {
      const o = line.options ?? {};
      const name = o.id ?? `${line.metric.namespace}/${line.metric.metricName}`;
      if (o.stat !== undefined && !isStatistic(o.stat))
        problems.push(`line "${name}": stat ${JSON.stringify(o.stat)} is not a CloudWatch statistic; ${STATISTIC_RULE}`);
      if (o.periodSeconds !== undefined && !isGraphPeriod(o.periodSeconds))
        problems.push(`line "${name}": period ${o.periodSeconds} s is not allowed; allowed: a multiple of 60`);
    }
  }

  for (const line of p.lines) {
    const id = idOf(line);
    if (!visibleOf(line) && (id === undefined || !used.has(id))) {
      problems.push(
        `line ${JSON.stringify(id ?? (line as MetricLine).metric.metricName)} is hidden but no expression uses it; show it or remove it`,
      );
    }
  }
  if (p.lines.length > 0 && !p.lines.some(visibleOf)) problems.push("every line is hidden; the widget would draw nothing");
  if (searches > MAX_SEARCHES) problems.push(`has ${searches} SEARCH expressions; allowed: at most ${MAX_SEARCHES}`);
  return problems;
}

// Dashboard body doc, metric widget `period`: "Any multiple of 60, with 60 as the minimum."
const isGraphPeriod = (s: number) => Number.isInteger(s) && s >= 60 && s % 60 === 0;

/**
 * The documented array forms: `[namespace, name, dimKey, dimValue, …, {options}]` for a metric and
 * `[{expression, label, id}]` for an expression. Written in full, never with the "." shorthand.
 */
function renderLine(line: MetricWidgetLine): unknown[] {
  if (isExpression(line)) {
    return [
      {
        expression: line.expression,
        ...(line.label !== undefined ? { label: line.label } : {}),
        id: line.id,
        ...(line.visible !== undefined ? { visible: line.visible } : {}),
        ...(line.periodSeconds !== undefined ? { period: line.periodSeconds } : {}),
      },
    ];
  }
  const m = line.metric;
  const dims = Object.entries(m.dimensions).flat();
  const o = line.options;
  if (!o) return [m.namespace, m.metricName, ...dims];
  const rendered = {
    ...(o.id !== undefined ? { id: o.id } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(o.stat !== undefined ? { stat: o.stat } : {}),
    ...(o.periodSeconds !== undefined ? { period: o.periodSeconds } : {}),
    ...(o.visible !== undefined ? { visible: o.visible } : {}),
    ...(o.yAxis !== undefined ? { yAxis: o.yAxis } : {}),
  };
  return [m.namespace, m.metricName, ...dims, rendered];
}
