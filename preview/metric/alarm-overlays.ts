import { alarmMetricStats, type AlarmTimeline, type MetricAlarmDefinition, type StackAlarms } from "../../replay/engine";
import { isBandOperator, THRESHOLD_SYMBOL } from "../../lib/alarms/alarm-enums";
import { parseMetricMath, referencedIds } from "../../lib/metrics/metric-math";
import { metricKey } from "../../replay/metric-data";
import type { AlarmSpan, ThresholdLine } from "../widget-view";
import type { WidgetLine } from "./widget-lines";

/**
 * The alarms a metric widget should show: those reading one of the widget's metrics (hidden inputs included) with
 * the same dimension set — CloudWatch matches exact dimension sets, so {LoadBalancer} and {LoadBalancer, TargetGroup}
 * are different series. Every such alarm's ALARM spans are shaded. A threshold line is drawn only where the widget
 * draws the quantity the alarm compares, so the line is in the chart's units:
 * - an alarm on one metric: on a drawn line of that metric (the label names the alarm's statistic and period);
 * - a metric-math alarm: on a drawn expression that reads exactly the metrics the alarm's returned expression reads.
 * Anomaly-band alarms get spans but no line (the band is not modelled offline).
 */
export interface AlarmOverlays {
  readonly thresholds: readonly ThresholdLine[];
  readonly spans: readonly AlarmSpan[];
  /** Names of the matched alarms, sorted. */
  readonly alarms: readonly string[];
}

/** `alarmPrefix`: the stack's `alarmNamePrefix(alarms)`, left out of the names on a graph. */
export function alarmOverlays(
  lines: readonly WidgetLine[],
  alarms: StackAlarms,
  timelines: readonly AlarmTimeline[],
  runEnd: number,
  alarmPrefix: string,
): AlarmOverlays {
  const shortName = withoutPrefix(alarmPrefix);
  const widgetMetrics = new Set(lines.flatMap((l) => (l.kind === "metric" ? [metricKey(l.metric)] : [])));
  const matched = alarms.metricAlarms.filter((a) => inputMetrics(a).some((k) => widgetMetrics.has(k)));
  // Alarms comparing the same line with the same rule share one drawn line (the burn-rate pairs): "a, b > 1.44".
  const shared = new Map<string, { names: string[]; rule: string; value: number; axis: "left" | "right" }>();
  for (const alarm of matched) {
    if (alarm.threshold === undefined) continue;
    const line = drawnLineComparedBy(alarm, lines);
    if (!line) continue;
    const operator = isBandOperator(alarm.comparisonOperator) ? alarm.comparisonOperator : THRESHOLD_SYMBOL[alarm.comparisonOperator];
    const statistic = alarm.input.kind === "metric" ? ` (${alarm.input.metricStat.stat})` : "";
    const rule = `${operator} ${alarm.threshold}${statistic}`;
    const key = `${rule}|${line.yAxis}`;
    const entry = shared.get(key) ?? { names: [], rule, value: alarm.threshold, axis: line.yAxis };
    entry.names.push(shortName(alarm.name));
    shared.set(key, entry);
  }
  const thresholds: ThresholdLine[] = [...shared.values()].map((t) => ({
    label: `${t.names.join(", ")} ${t.rule}`,
    value: t.value,
    axis: t.axis,
  }));
  const names = new Set(matched.map((a) => a.name));
  const spans = timelines
    .filter((t) => names.has(t.alarmName))
    .flatMap((t) => alarmSpans(t, runEnd))
    .map((s) => ({ ...s, alarmName: shortName(s.alarmName) }));
  return { thresholds, spans, alarms: [...names].sort() };
}

/** When the alarm was in ALARM: from each change into ALARM to the next change out of it (or the run's end). */
export function alarmSpans(timeline: AlarmTimeline, runEnd: number): AlarmSpan[] {
  const spans: AlarmSpan[] = [];
  let from: number | undefined;
  for (const change of timeline.changes) {
    if (change.state === "ALARM" && from === undefined) from = change.time;
    else if (change.state !== "ALARM" && from !== undefined) {
      spans.push({ alarmName: timeline.alarmName, from, until: change.time });
      from = undefined;
    }
  }
  if (from !== undefined) spans.push({ alarmName: timeline.alarmName, from, until: runEnd });
  return spans;
}

function inputMetrics(alarm: MetricAlarmDefinition): string[] {
  return alarmMetricStats(alarm).map((m) => metricKey(m.metric));
}

function drawnLineComparedBy(alarm: MetricAlarmDefinition, lines: readonly WidgetLine[]): WidgetLine | undefined {
  const visible = lines.filter((l) => l.visible);
  if (alarm.input.kind === "metric") {
    const key = metricKey(alarm.input.metricStat.metric);
    const same = visible.filter((l) => l.kind === "metric" && metricKey(l.metric) === key);
    // Prefer the line with the alarm's own statistic (p95 alarm → the p95 line).
    return (
      same.find((l) => l.kind === "metric" && l.stat === (alarm.input.kind === "metric" ? alarm.input.metricStat.stat : "")) ?? same[0]
    );
  }
  const queries = new Map(alarm.input.queries.map((q) => [q.id, q] as const));
  const returned = alarm.input.queries.find((q) => q.returnData);
  if (!returned) return undefined;
  const alarmReads = metricsRead(returned.id, (id) => {
    const q = queries.get(id);
    return q?.metricStat
      ? { metric: metricKey(q.metricStat.metric) }
      : q?.expression !== undefined
        ? { expression: q.expression }
        : undefined;
  });
  if (alarmReads === undefined) return undefined;
  const byId = new Map(lines.flatMap((l) => (l.id === undefined ? [] : [[l.id, l] as const])));
  const lineInput = (id: string) => {
    const l = byId.get(id);
    return l?.kind === "metric" ? { metric: metricKey(l.metric) } : l?.kind === "expression" ? { expression: l.expression } : undefined;
  };
  return visible.find((l) => l.kind === "expression" && l.id !== undefined && sameSet(metricsRead(l.id, lineInput), alarmReads));
}

type Input = { metric: string } | { expression: string } | undefined;

/** The metric keys an id reads, through expressions; undefined when something cannot be resolved, parsed, or reads itself. */
function metricsRead(id: string, input: (id: string) => Input, seen = new Set<string>()): Set<string> | undefined {
  const found = input(id);
  if (found === undefined || seen.has(id)) return undefined;
  if ("metric" in found) return new Set([found.metric]);
  seen.add(id);
  let ids: string[];
  try {
    ids = referencedIds(parseMetricMath(found.expression, id));
  } catch {
    return undefined;
  }
  const out = new Set<string>();
  for (const ref of ids) {
    const inner = metricsRead(ref, input, seen);
    if (inner === undefined) return undefined;
    for (const k of inner) out.add(k);
  }
  // `seen` holds the path being read (a cycle), not every id: two expressions may read the same one.
  seen.delete(id);
  return out;
}

const sameSet = (a: Set<string> | undefined, b: Set<string>) => a !== undefined && a.size === b.size && [...a].every((k) => b.has(k));

/**
 * The prefix every alarm of the stack shares (`axonflow-production-`): on a graph's legend the rest of a name is what
 * tells the alarms apart, and the full names would not fit. The page's header names the prefix.
 */
export const alarmNamePrefix = (alarms: StackAlarms): string =>
  commonPrefix([...alarms.metricAlarms, ...alarms.compositeAlarms].map((a) => a.name));

const withoutPrefix = (prefix: string) => (name: string) =>
  prefix.length > 0 && name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;

/** The longest prefix ending in "-" that every name has ("" for fewer than two names). */
export function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("-") + 1);
}
