/** Small hand-made stacks and data for the engine's tests, shaped like cdk.tf.json and the world model's output. */
import type { Datapoint, MetricId } from "../../../replay/metric-data";
import type { MetricSink } from "../../../replay/metric-data";

/** 2023-11-14T00:00:00Z: a UTC midnight, so hours of day are easy to read. */
export const T0 = 1_699_920_000;
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

export const ERRORS: MetricId = { namespace: "Test", metricName: "Errors", dimensions: { Service: "api" } };
export const REQUESTS: MetricId = { namespace: "Test", metricName: "Requests", dimensions: { Service: "api" } };
export const LATENCY: MetricId = { namespace: "Test", metricName: "Latency", dimensions: { Service: "api" } };

export const ALERTS = "${aws_sns_topic.alerts_topic_1.arn}";
export const PAGES = "${aws_sns_topic.pages_topic_2.arn}";

type Attributes = Record<string, unknown>;

/** A plain alarm on Test/Errors: Sum over 60 s > 10, 1 of 1, notifying "alerts" on ALARM and OK. */
export function plainAlarm(overrides: Attributes = {}): Attributes {
  return {
    alarm_name: "errors",
    namespace: ERRORS.namespace,
    metric_name: ERRORS.metricName,
    dimensions: { ...ERRORS.dimensions },
    statistic: "Sum",
    period: 60,
    evaluation_periods: 1,
    comparison_operator: "GreaterThanThreshold",
    threshold: 10,
    alarm_actions: [ALERTS],
    ok_actions: [ALERTS],
    ...overrides,
  };
}

/** A metric_query entry reading one metric. */
export function metricQuery(id: string, metric: MetricId, stat = "Sum", period = 60, returnData = false): Attributes {
  return {
    id,
    return_data: returnData,
    metric: { namespace: metric.namespace, metric_name: metric.metricName, dimensions: { ...metric.dimensions }, stat, period },
  };
}

/** A cdk.tf.json-shaped stack with two topics ("alerts", "pages") and the given alarms, keyed by their alarm_name. */
export function stackWith(metricAlarms: readonly Attributes[], compositeAlarms: readonly Attributes[] = []): unknown {
  const keyed = (alarms: readonly Attributes[]) =>
    Object.fromEntries(alarms.map((a) => [`${String(a.alarm_name).replace(/\W/g, "_")}_alarm`, a]));
  return {
    resource: {
      aws_sns_topic: { alerts_topic_1: { name: "alerts" }, pages_topic_2: { name: "pages" } },
      aws_cloudwatch_metric_alarm: keyed(metricAlarms),
      ...(compositeAlarms.length > 0 ? { aws_cloudwatch_composite_alarm: keyed(compositeAlarms) } : {}),
    },
  };
}

/** One datapoint of a single sample. */
export function single(timestamp: number, value: number): Datapoint {
  return { timestamp, sampleCount: 1, sum: value, min: value, max: value };
}

/**
 * Publishes `values[i]` as a one-sample datapoint at the minute `first + i·60`; `undefined` publishes nothing
 * (a missing minute), as AWS services do for count metrics without events.
 */
export function putMinutes(sink: MetricSink, metric: MetricId, first: number, values: readonly (number | undefined)[]): void {
  values.forEach((value, i) => {
    if (value !== undefined) sink.put(metric, single(first + i * MINUTE, value));
  });
}

/**
 * A row of AWS's missing-data tables ("0 - X - X", oldest first) as minute values: 0 for 0 (not breaching a
 * threshold of 10), 20 for X (breaching), nothing for -.
 */
export function rowValues(row: string): (number | undefined)[] {
  return row.split(/\s+/).map((cell) => (cell === "X" ? 20 : cell === "0" ? 0 : undefined));
}
