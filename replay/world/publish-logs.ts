import type { MetricId, MetricSink } from "../metric-data";
import { gaugePoint } from "./datapoints";
import type { LineKind } from "./log-line-kinds";
import type { LogMetricFilter } from "./metric-filter-definitions";
import { extractDimension, extractNumber } from "./metric-transformation";

/** What one filter makes of one kind of line, worked out once per run. */
interface KindOutcome {
  /** The pattern matched. */
  readonly matched: boolean;
  /** Value and series of a matched line; undefined when the selector found no number or dimension value. */
  readonly value?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly seriesKey?: string;
}

interface PreparedFilter {
  readonly filter: LogMetricFilter;
  readonly outcomes: readonly KindOutcome[];
  /** One MetricId per series, reused every minute. */
  readonly ids: Map<string, MetricId>;
}

interface Series {
  readonly key: string;
  readonly dimensions: Readonly<Record<string, string>>;
  n: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * One log group's publications per minute:
 * - `AWS/Logs` IncomingLogEvents / IncomingBytes per {LogGroupName}, only when events arrived ("CloudWatch Logs
 *   metrics"): a service that runs but whose shipping is broken publishes nothing, not a 0;
 * - the stack's metric filters on this group, applied to the lines that arrived: each matching line adds its value
 *   (a sample) to the series its dimensions name; a minute with events but no match publishes `default_value` once
 *   ("Creating metrics from log events using filters": "the value reported ... during a period when logs are
 *   ingested but no matching logs are found ... If no logs are ingested during a one-minute period, then no value is reported").
 */
export class LogGroupPublisher {
  private readonly filters: readonly PreparedFilter[];
  private readonly events: MetricId;
  private readonly bytes: MetricId;

  constructor(
    logGroupName: string,
    private readonly kinds: readonly LineKind[],
    allFilters: readonly LogMetricFilter[],
  ) {
    this.filters = allFilters
      .filter((f) => f.logGroupName === logGroupName)
      .map((filter) => ({ filter, outcomes: kinds.map((k) => outcome(filter, k)), ids: new Map<string, MetricId>() }));
    this.events = { namespace: "AWS/Logs", metricName: "IncomingLogEvents", dimensions: { LogGroupName: logGroupName } };
    this.bytes = { namespace: "AWS/Logs", metricName: "IncomingBytes", dimensions: { LogGroupName: logGroupName } };
  }

  publish(sink: MetricSink, timestamp: number, lines: Float64Array, shipping: boolean): void {
    if (!shipping) return;
    let events = 0;
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
      events += lines[i];
      bytes += lines[i] * this.kinds[i].bytes;
    }
    if (events === 0) return;
    // One statistic set per minute: the alarms read Sum; how PutLogEvents batches split it is not modelled.
    sink.put(this.events, gaugePoint(timestamp, events));
    sink.put(this.bytes, gaugePoint(timestamp, bytes));
    for (const f of this.filters) this.publishFilter(sink, timestamp, lines, f);
  }

  private publishFilter(sink: MetricSink, timestamp: number, lines: Float64Array, { filter, outcomes, ids }: PreparedFilter): void {
    const series = new Map<string, Series>();
    let matchedLines = 0;
    for (let i = 0; i < lines.length; i++) {
      const count = lines[i];
      const o = outcomes[i];
      if (count === 0 || !o.matched) continue;
      matchedLines += count;
      if (o.value === undefined || o.seriesKey === undefined || o.dimensions === undefined) continue;
      let s = series.get(o.seriesKey);
      if (!s) {
        s = { key: o.seriesKey, dimensions: o.dimensions, n: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
        series.set(o.seriesKey, s);
      }
      s.n += count;
      s.sum += count * o.value;
      s.min = Math.min(s.min, o.value);
      s.max = Math.max(s.max, o.value);
    }
    const id = (key: string, dimensions: Readonly<Record<string, string>>): MetricId => {
      let found = ids.get(key);
      if (!found) {
        found = { namespace: filter.namespace, metricName: filter.metricName, dimensions };
        ids.set(key, found);
      }
      return found;
    };
    for (const s of series.values()) sink.put(id(s.key, s.dimensions), { timestamp, sampleCount: s.n, sum: s.sum, min: s.min, max: s.max });
    // Default values exist only for filters without dimensions (AWS refuses the pair; metric-filter-definitions.ts).
    if (matchedLines === 0 && filter.defaultValue !== undefined) sink.put(id("", {}), gaugePoint(timestamp, filter.defaultValue));
  }
}

function outcome(filter: LogMetricFilter, kind: LineKind): KindOutcome {
  if (!filter.pattern.matches(kind)) return { matched: false };
  const value = extractNumber(filter.value, kind.json);
  const dimensions: Record<string, string> = {};
  for (const [name, source] of Object.entries(filter.dimensions)) {
    const v = extractDimension(source, kind.json);
    if (v === undefined) return { matched: true };
    dimensions[name] = v;
  }
  if (value === undefined) return { matched: true };
  const seriesKey = Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(",");
  return { matched: true, value, dimensions, seriesKey };
}
