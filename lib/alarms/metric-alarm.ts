import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Severity } from "../config/alarm-defaults";
import type { Metric } from "../metrics/metric";
import type { AlarmActions } from "./alarm-actions";

export type Statistic = "SampleCount" | "Average" | "Sum" | "Minimum" | "Maximum";
export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";
/** How CloudWatch treats a period with no datapoint: a per-kind decision, stated where the kind is defined. */
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

export interface MetricAlarmProps {
  readonly name: string;
  /** What is wrong and where to look, in plain words; the runbook link is appended. */
  readonly description: string;
  readonly runbookUrl: string;
  readonly metric: Metric;
  /** Exactly one of statistic / extendedStatistic (e.g. "p95"). */
  readonly statistic?: Statistic;
  readonly extendedStatistic?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  readonly treatMissingData: TreatMissingData;
  readonly actions: AlarmActions;
  /** Also notify when the alarm recovers. */
  readonly notifyOnOk?: boolean;
  /** page or ticket; listed in the handoff document (cdktf.out/stacks/<env>/HANDOFF.md). */
  readonly severity?: Severity;
}

const PERCENTILE = /^p(\d{1,2}(\.\d{1,10})?|100)$/;
const MAX_DESCRIPTION = 1024;

/**
 * The one renderer of metric alarms. It enforces what CloudWatch requires of every alarm, at synth and
 * with the construct path in the message, instead of letting `terraform apply` fail (or, worse, succeed
 * with an alarm that can never fire).
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
      alarmDescription: `${props.description} Runbook: ${props.runbookUrl}`,
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
  if (p.extendedStatistic !== undefined && !PERCENTILE.test(p.extendedStatistic)) {
    problems.push(`extendedStatistic ${JSON.stringify(p.extendedStatistic)} is not a percentile; allowed: p0..p100, e.g. p95 or p99.9`);
  }
  if (!isAlarmPeriod(p.periodSeconds)) {
    problems.push(`period ${p.periodSeconds} s is not allowed; allowed: 10, 20, 30 or a multiple of 60`);
  }
  if (!Number.isInteger(p.evaluationPeriods) || p.evaluationPeriods < 1) {
    problems.push(`evaluationPeriods ${p.evaluationPeriods} must be a whole number ≥ 1`);
  }
  const datapoints = p.datapointsToAlarm ?? p.evaluationPeriods;
  if (!Number.isInteger(datapoints) || datapoints < 1 || datapoints > p.evaluationPeriods) {
    problems.push(`datapointsToAlarm ${datapoints} must be between 1 and evaluationPeriods (${p.evaluationPeriods})`);
  }
  if (p.periodSeconds * p.evaluationPeriods > 7 * 86400) {
    problems.push(`period × evaluationPeriods is ${p.periodSeconds * p.evaluationPeriods} s; allowed: at most 7 days`);
  }
  if (!Number.isFinite(p.threshold)) problems.push(`threshold ${p.threshold} must be a finite number`);
  const description = `${p.description} Runbook: ${p.runbookUrl}`;
  if (description.length > MAX_DESCRIPTION) problems.push(`description is ${description.length} characters; allowed: at most ${MAX_DESCRIPTION}`);
  if (!/^[\x20-\x7e]{1,255}$/.test(p.name)) problems.push(`alarm name ${JSON.stringify(p.name)} must be 1-255 printable ASCII characters`);
  return problems;
}

export const isAlarmPeriod = (s: number) => s === 10 || s === 20 || s === 30 || (Number.isInteger(s) && s >= 60 && s % 60 === 0);
