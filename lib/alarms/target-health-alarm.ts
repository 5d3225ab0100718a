import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface TargetHealthAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, …): names the alarm. */
  readonly service: string;
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Fewer healthy targets than this fires. */
  readonly minHealthyTargets: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when a target group has fewer healthy targets than the service needs: the hard-down signal of a
 * public service. With none healthy the ALB answers 503 itself, RequestCount publishes nothing and a ratio of
 * errors to requests has no value, so this, not the error rate, is what sees a total outage.
 */
export class TargetHealthAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: TargetHealthAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(`target-health-${props.service}`),
      description: `Target group ${props.targetGroupArnSuffix} (${props.service}) had fewer than ${props.minHealthyTargets} healthy targets in ${props.datapointsToAlarm} of ${props.evaluationPeriods} minutes: users of ${props.service} get 503s from the load balancer. Check the target group's health-check reasons and the ECS service's stopped tasks.`,
      runbookUrl: props.env.runbook("target-health"),
      // HealthyHostCount exists only per {LoadBalancer, TargetGroup}.
      metric: ALB.healthyHostCount.with({ LoadBalancer: props.albArnSuffix, TargetGroup: props.targetGroupArnSuffix }),
      // The fewest healthy targets seen in the minute: one that dropped out mid-minute counts.
      statistic: "Minimum",
      ...windowOf(props),
      comparison: "LessThanThreshold",
      threshold: props.minHealthyTargets,
      // Published every minute, 0 included: a missing minute means the target group or the load balancer is
      // gone (deleted, renamed), which is an outage for this service, not the absence of one.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
