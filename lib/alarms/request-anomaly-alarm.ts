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
      expressions: [
        // The ALB publishes no RequestCount in a period without requests: FILLed, traffic cut to zero is a 0 far
        // below the band instead of a missing point.
        { id: "filled", expression: "FILL(requests, 0)", label: "Requests" },
        { id: "band", expression: `ANOMALY_DETECTION_BAND(filled, ${props.thresholdStdDevs})`, label: "Expected requests" },
      ],
      alarmOn: "filled",
      ...windowOf(props),
      condition: { comparison: "LessThanLowerOrGreaterThanUpperThreshold", bandId: "band" },
      // The filled series has a value in every period; a missing band (a model still training) is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
