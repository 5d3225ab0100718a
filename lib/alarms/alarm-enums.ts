/**
 * The enums of PutMetricAlarm (cloudwatch_metric_alarm), once for the alarm constructs, the inventory, the replay
 * engine that reads them back from cdk.tf.json, and the preview.
 */

/** Comparison operators against a fixed `threshold`. */
export const THRESHOLD_OPERATORS = [
  "GreaterThanThreshold",
  "GreaterThanOrEqualToThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
] as const;
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

/** The three operators of anomaly detection alarms: they compare against a band (`threshold_metric_id`), not a number. */
export const BAND_OPERATORS = ["LessThanLowerOrGreaterThanUpperThreshold", "GreaterThanUpperThreshold", "LessThanLowerThreshold"] as const;
export type BandOperator = (typeof BAND_OPERATORS)[number];

export type ComparisonOperator = ThresholdOperator | BandOperator;
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [...THRESHOLD_OPERATORS, ...BAND_OPERATORS];

export const isBandOperator = (operator: ComparisonOperator): operator is BandOperator =>
  (BAND_OPERATORS as readonly string[]).includes(operator);

/** A threshold operator as a reader writes it: "> 5", "≤ 0". */
export const THRESHOLD_SYMBOL: Readonly<Record<ThresholdOperator, string>> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: "≥",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** How CloudWatch treats a period with no datapoint ("Configuring how CloudWatch alarms treat missing data"). */
export const TREAT_MISSING_DATA = ["missing", "ignore", "breaching", "notBreaching"] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/** Whether a percentile alarm judges a period with too few samples ("Percentile-based alarms and low data samples"). */
export const LOW_SAMPLE_COUNT_PERCENTILES = ["evaluate", "ignore"] as const;
export type LowSampleCountPercentiles = (typeof LOW_SAMPLE_COUNT_PERCENTILES)[number];
