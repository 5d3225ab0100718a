import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface RequestAnomalyAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** Width of the expected band, in standard deviations of the trained model. */
  readonly thresholdStdDevs: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when request volume leaves the band CloudWatch anomaly detection learned from its history, in either
 * direction: a drop (clients cut off, DNS, upstream outage) or a surge (runaway client, abuse).
 */
export class RequestAnomalyAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: RequestAnomalyAlarmProps) {
    super(scope, id);
    this.alarm = new MathAlarm(this, "Default", {
      name: props.env.naming.alarm("request-anomaly"),
      description: `Request volume on ${props.albArnSuffix} left its expected band (${props.thresholdStdDevs} standard deviations) in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min. A drop: check DNS, clients and upstream networks; a surge: check which clients (Logs Insights) and rate limits.`,
      runbookUrl: props.env.runbook("request-anomaly"),
      metrics: [{ id: "requests", metric: ALB.requestCount.with({ LoadBalancer: props.albArnSuffix }), stat: "Sum" }],
      expressions: [{ id: "band", expression: `ANOMALY_DETECTION_BAND(requests, ${props.thresholdStdDevs})`, label: "Expected requests" }],
      alarmOn: "requests",
      ...windowOf(props),
      condition: { comparison: "LessThanLowerOrGreaterThanUpperThreshold", bandId: "band" },
      // The ALB publishes no RequestCount in a period without requests. This kind is enabled only where
      // traffic is steady enough to train a band, and there zero requests is the strongest downward anomaly
      // (an outage in front of the ALB), not an absence of evidence: count it as breaching.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
