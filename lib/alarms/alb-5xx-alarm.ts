import { Construct } from "constructs";
import type { Severity } from "../config/alarm-defaults";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { MetricAlarm } from "./metric-alarm";

export interface Alb5xxAlarmProps {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  readonly thresholdCount: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly actions: AlarmActions;
  readonly severity: Severity;
}

/** Fires when the AxonFlow targets behind the ALB return more 5xx responses than the threshold per period. */
export class Alb5xxAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: Alb5xxAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm("high-error-rate"),
      description: `AxonFlow targets behind ${props.albArnSuffix} returned more than ${props.thresholdCount} HTTP 5xx responses per ${props.periodSeconds / 60} min. Check the agent and orchestrator logs (Error Analysis query) and ECS task health.`,
      runbookUrl: props.env.runbook("high-error-rate"),
      metric: ALB.target5xx.with({ LoadBalancer: props.albArnSuffix }),
      statistic: "Sum",
      periodSeconds: props.periodSeconds,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm,
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdCount,
      // The ALB publishes 5xx counts only when it has traffic: no datapoint means no errors, not an outage.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
      severity: props.severity,
    });
  }
}
