/**
 * The contract between the replay's two halves: the world model (replay/world) publishes datapoints the way AWS
 * services do; the alarm engine (replay/engine) reads one statistic of one metric over one period, as CloudWatch
 * does when it evaluates an alarm. Time is Unix seconds throughout.
 */

/** A metric's identity. CloudWatch matches the exact dimension set: {LoadBalancer} and {LoadBalancer, TargetGroup} are two series. */
export interface MetricId {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** The same series always gives the same key, whatever the order of its dimensions. */
export function metricKey(id: MetricId): string {
  const dims = Object.keys(id.dimensions)
    .sort()
    .map((k) => `${k}=${id.dimensions[k]}`)
    .join(",");
  return `${id.namespace}|${id.metricName}|${dims}`;
}

/**
 * One published datapoint: what a service (or PutMetricData) reports for one minute, as a statistic set.
 * `values`/`counts` carry the distribution (PutMetricData's Values and Counts) where percentiles are asked of it.
 */
export interface Datapoint {
  /** Start of the minute, Unix seconds. */
  readonly timestamp: number;
  readonly sampleCount: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly values?: readonly number[];
  readonly counts?: readonly number[];
}

/** Where the world model publishes. */
export interface MetricSink {
  put(metric: MetricId, datapoint: Datapoint): void;
}

/** One statistic over one period: the value and how many samples it came from (for low-sample percentiles). */
export interface PeriodValue {
  readonly value: number;
  readonly sampleCount: number;
}

/**
 * What an alarm reads. `stat` is a CloudWatch statistic (Sum, Average, Minimum, Maximum, SampleCount) or a
 * percentile (p95, p99.9). `undefined`: no datapoint in [periodStart, periodStart + periodSeconds) — a missing period.
 */
export interface MetricSource {
  periodValue(metric: MetricId, stat: string, periodSeconds: number, periodStart: number): PeriodValue | undefined;
}
