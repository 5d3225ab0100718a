import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface AlbLatencyAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** e.g. "p95"; also names the alarm. */
  readonly percentile: string;
  /** TargetResponseTime is published in seconds. */
  readonly thresholdSeconds: number;
  readonly actions: AlarmActions;
  /** Physical name suffix; the p95 alarm keeps the guide's `high-latency`. */
  readonly what: string;
}

/** Fires when a high percentile of ALB target response time stays above the threshold. */
export class AlbLatencyAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: AlbLatencyAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(props.what),
      description: `${props.percentile} target response time behind ${props.albArnSuffix} is above ${props.thresholdSeconds} s for ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods. Check the Latency Percentiles by Model and Slow Requests queries, then model provider latency.`,
      runbookUrl: props.env.runbook(props.what),
      metric: ALB.targetResponseTime.with({ LoadBalancer: props.albArnSuffix }),
      extendedStatistic: props.percentile,
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdSeconds,
      // No requests means no response-time datapoints; a quiet period is not a latency incident.
      treatMissingData: "notBreaching",
      // A p95 of 30 samples is noise: below 10/(1 − p) samples (200 for p95, 1000 for p99) keep the state.
      evaluateLowSampleCountPercentiles: "ignore",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
