import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Metric } from "../metrics/metric";
import { type BasicStatistic, isPercentile } from "../metrics/statistic";
import type { AlarmActions } from "./alarm-actions";
import type { LowSampleCountPercentiles, ThresholdOperator, TreatMissingData } from "./alarm-enums";
import { checkAlarmBasics, describeWithRunbook } from "./alarm-invariants";

export interface MetricAlarmProps {
  readonly name: string;
  /** What is wrong and where to look, in plain words; the runbook link is appended. */
  readonly description: string;
  readonly runbookUrl: string;
  readonly metric: Metric;
  /** Exactly one of statistic / extendedStatistic (e.g. "p95"). */
  readonly statistic?: BasicStatistic;
  readonly extendedStatistic?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly comparison: ThresholdOperator;
  readonly threshold: number;
  /** A per-kind decision, stated where the kind is defined. */
  readonly treatMissingData: TreatMissingData;
  /**
   * Percentile alarms: "ignore" keeps the alarm's state through a period with too few samples for the percentile
   * to mean anything (fewer than 10/(1 − p): 200 for p95), instead of judging that noise.
   */
  readonly evaluateLowSampleCountPercentiles?: LowSampleCountPercentiles;
  readonly actions: AlarmActions;
  /** Also notify when the alarm recovers. */
  readonly notifyOnOk?: boolean;
}

/**
 * The renderer of single-metric alarms (MathAlarm renders metric-math ones with the same invariants). It
 * enforces what CloudWatch requires of every alarm, at synth and with the construct path in the message,
 * instead of letting `terraform apply` fail (or, worse, succeed with an alarm that can never fire).
 */
export class MetricAlarm extends Construct {
  readonly resource: CloudwatchMetricAlarm;
  readonly alarmName: string;
  /** What the alarm was built from: read by the dashboard and the handoff document, so they cannot disagree with it. */
  readonly spec: MetricAlarmProps;

  constructor(scope: Construct, id: string, props: MetricAlarmProps) {
    super(scope, id);
    const problems = checkMetricAlarm(props);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);

    this.alarmName = props.name;
    this.spec = props;
    this.resource = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.name,
      alarmDescription: describeWithRunbook(props),
      namespace: props.metric.namespace,
      metricName: props.metric.metricName,
      dimensions: { ...props.metric.dimensions },
      statistic: props.statistic,
      extendedStatistic: props.extendedStatistic,
      period: props.periodSeconds,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods,
      comparisonOperator: props.comparison,
      threshold: props.threshold,
      treatMissingData: props.treatMissingData,
      evaluateLowSampleCountPercentiles: props.evaluateLowSampleCountPercentiles,
      actionsEnabled: props.actions.actionsEnabled,
      alarmActions: [...props.actions.alarmActions],
      okActions: props.notifyOnOk ? [...props.actions.okActions] : [],
    });
  }
}

export function checkMetricAlarm(p: MetricAlarmProps): string[] {
  const problems: string[] = [];
  if ((p.statistic === undefined) === (p.extendedStatistic === undefined)) {
    problems.push("set exactly one of statistic and extendedStatistic");
  }
  if (p.extendedStatistic !== undefined && !isPercentile(p.extendedStatistic)) {
    problems.push(`extendedStatistic ${JSON.stringify(p.extendedStatistic)} is not a percentile; allowed: p0..p100, e.g. p95 or p99.9`);
  }
  if (p.evaluateLowSampleCountPercentiles !== undefined && p.extendedStatistic === undefined) {
    problems.push("evaluateLowSampleCountPercentiles applies only to a percentile (extendedStatistic)");
  }
  problems.push(...checkAlarmBasics(p));
  if (!Number.isFinite(p.threshold)) problems.push(`threshold ${p.threshold} must be a finite number`);
  return problems;
}
