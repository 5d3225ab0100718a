import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface TargetGroupErrorRateAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key of the public service behind the target group: names the alarm. */
  readonly service: string;
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Percent of the group's requests, 0-100. */
  readonly thresholdPercent: number;
  /** Requests per period below which the rate counts as 0. */
  readonly minRequests: number;
  readonly actions: AlarmActions;
}

/**
 * One public service's own 5xx share, from its target group's series: a small service failing badly (the customer
 * portal at 30 %) is a few percent of the load balancer's answers, under error-rate's threshold, yet its users are
 * locked out. The load balancer's own 5xx have no TargetGroup series; a group with no healthy target is
 * target-health's case.
 */
export class TargetGroupErrorRateAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: TargetGroupErrorRateAlarmProps) {
    super(scope, id);
    const tg = { LoadBalancer: props.albArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Percent",
      name: props.env.naming.alarm(`target-error-rate-${props.service}`),
      description:
        `More than ${props.thresholdPercent}% of the requests to ${props.service} (${props.targetGroupArnSuffix}) were ` +
        `its own HTTP 5xx in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min ` +
        `(periods with fewer than ${props.minRequests} requests count as 0 %). Check the Error Analysis query for ${props.service}.`,
      runbookUrl: props.env.runbook("target-error-rate"),
      metrics: [
        { id: "requests", metric: ALB.targetGroupRequestCount.with(tg), stat: "Sum" },
        { id: "target5xx", metric: ALB.targetGroupTarget5xx.with(tg), stat: "Sum" },
      ],
      expressions: [
        {
          id: "rate",
          expression: `IF(FILL(requests, 0) >= ${props.minRequests}, 100 * FILL(target5xx, 0) / FILL(requests, 0), 0)`,
          label: `5xx % of ${props.service}'s requests`,
        },
      ],
      alarmOn: "rate",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdPercent },
      // The FILLed rate has a value in every period; should it ever not, that is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
