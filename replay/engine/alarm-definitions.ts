/**
 * Typed definitions of the alarms in a synthesized stack (cdk.tf.json), as the engine evaluates them.
 * read-stack.ts builds them; nothing here is read from Terraform state or AWS.
 */
import type { ComparisonOperator, LowSampleCountPercentiles, TreatMissingData } from "../../lib/alarms/alarm-enums";
import type { MetricId } from "../metric-data";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

/** One metric read with one statistic over one period: a plain alarm's metric, or a metric_query's `metric`. */
export interface MetricStat {
  readonly metric: MetricId;
  /** "Sum", "Average", "Minimum", "Maximum", "SampleCount", or a percentile "p99" / "p99.9". */
  readonly stat: string;
  readonly periodSeconds: number;
}

export interface MetricQueryDefinition {
  readonly id: string;
  readonly returnData: boolean;
  readonly label?: string;
  /** Exactly one of `metricStat` and `expression`. */
  readonly metricStat?: MetricStat;
  readonly expression?: string;
}

/** What the alarm compares: either one metric with one statistic, or a set of metric_query entries. */
export type AlarmInput =
  | { readonly kind: "metric"; readonly metricStat: MetricStat }
  | { readonly kind: "math"; readonly queries: readonly MetricQueryDefinition[] };

export interface MetricAlarmDefinition {
  readonly kind: "metric";
  readonly name: string;
  /** The Terraform resource address, e.g. aws_cloudwatch_metric_alarm.x_alarm_1234 (for error messages). */
  readonly address: string;
  readonly input: AlarmInput;
  /** The alarm's period: the plain metric's period, or the (single) period of its metric_query metrics. */
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparisonOperator: ComparisonOperator;
  /** Set for the four threshold operators. */
  readonly threshold?: number;
  /** Set for the three band operators: the metric_query id of the ANOMALY_DETECTION_BAND expression. */
  readonly thresholdMetricId?: string;
  readonly treatMissingData: TreatMissingData;
  readonly evaluateLowSampleCountPercentiles: LowSampleCountPercentiles;
  readonly actionsEnabled: boolean;
  /** SNS topic names, resolved from the Terraform references. */
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

/** The metrics (with statistic and period) an alarm reads: its own, or those of its metric_query entries. */
export function alarmMetricStats(alarm: MetricAlarmDefinition): MetricStat[] {
  return alarm.input.kind === "metric"
    ? [alarm.input.metricStat]
    : alarm.input.queries.flatMap((q) => (q.metricStat ? [q.metricStat] : []));
}

export interface CompositeAlarmDefinition {
  readonly kind: "composite";
  readonly name: string;
  readonly address: string;
  readonly alarmRule: string;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

export type AlarmDefinition = MetricAlarmDefinition | CompositeAlarmDefinition;

export interface StackAlarms {
  /** Sorted by name. */
  readonly metricAlarms: readonly MetricAlarmDefinition[];
  /** Sorted by name. */
  readonly compositeAlarms: readonly CompositeAlarmDefinition[];
}

/** The topics an alarm notifies when it enters `state`. */
export function actionsFor(alarm: AlarmDefinition, state: AlarmState): readonly string[] {
  switch (state) {
    case "ALARM":
      return alarm.alarmActions;
    case "OK":
      return alarm.okActions;
    case "INSUFFICIENT_DATA":
      return alarm.insufficientDataActions;
  }
}
