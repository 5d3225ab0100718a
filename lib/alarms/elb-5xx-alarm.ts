import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface Elb5xxAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  readonly thresholdCount: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when the load balancer itself answers 5xx: no healthy target (503), a target that reset or refused
 * the connection (502) or did not answer in time (504). The targets' own 5xx are the high-error-rate alarm.
 */
export class Elb5xxAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: Elb5xxAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm("elb-5xx"),
      description: `The load balancer ${props.albArnSuffix} generated more than ${props.thresholdCount} HTTP 5xx responses itself per ${props.periodSeconds / 60} min (502/503/504: targets unhealthy, refusing connections or timing out). Check target group health and ECS task state.`,
      runbookUrl: props.env.runbook("elb-5xx"),
      metric: ALB.elb5xx.with({ LoadBalancer: props.albArnSuffix }),
      statistic: "Sum",
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdCount,
      // HTTPCode_ELB_5XX_Count has a datapoint only in periods with such responses: missing means none.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
