import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface TargetGroupLatencyAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key of the public service behind the target group: names the alarm. */
  readonly service: string;
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** TargetResponseTime is published in seconds. */
  readonly thresholdSeconds: number;
  /** Requests per period below which the p95 counts as 0. */
  readonly minRequests: number;
  readonly actions: AlarmActions;
}

/**
 * One public service's own p95 response time, from its target group's series: the load balancer's p95 is the
 * agent's LLM calls, so a portal whose pages went from 0.1 to 5 s hardly moves it. A volume guard in metric math
 * stands in for evaluateLowSampleCountPercentiles, whose 200-sample floor for p95 would leave out the small
 * service this alarm is for.
 */
export class TargetGroupLatencyAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: TargetGroupLatencyAlarmProps) {
    super(scope, id);
    const tg = { LoadBalancer: props.albArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Seconds",
      name: props.env.naming.alarm(`target-latency-${props.service}`),
      description:
        `p95 response time of ${props.service} (${props.targetGroupArnSuffix}) is above ${props.thresholdSeconds} s in ` +
        `${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min ` +
        `(periods with fewer than ${props.minRequests} requests count as 0 s). Check what ${props.service} waits on.`,
      runbookUrl: props.env.runbook("target-latency"),
      metrics: [
        { id: "requests", metric: ALB.targetGroupRequestCount.with(tg), stat: "Sum" },
        { id: "p95", metric: ALB.targetGroupResponseTime.with(tg), stat: "p95" },
      ],
      expressions: [
        {
          id: "latency",
          expression: `IF(FILL(requests, 0) >= ${props.minRequests}, FILL(p95, 0), 0)`,
          label: `p95 response time of ${props.service} (s)`,
        },
      ],
      alarmOn: "latency",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdSeconds },
      // The FILLed value exists in every period; should it ever not, that is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
