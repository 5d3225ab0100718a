import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface ErrorRateAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** Percent of requests, 0-100. */
  readonly thresholdPercent: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when 5xx responses (targets' and the load balancer's own) exceed a percentage of requests: a ratio,
 * so a busy hour does not page where a quiet one would not — the derived signal the guide says to page on.
 */
export class ErrorRateAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: ErrorRateAlarmProps) {
    super(scope, id);
    const lb = { LoadBalancer: props.albArnSuffix };
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Percent",
      name: props.env.naming.alarm("error-rate-percent"),
      description: `More than ${props.thresholdPercent}% of requests to ${props.albArnSuffix} ended in HTTP 5xx (target + load balancer) in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min. Check the elb-5xx and high-error-rate alarms to see which side fails, then the Error Analysis query.`,
      runbookUrl: props.env.runbook("error-rate-percent"),
      metrics: [
        { id: "requests", metric: ALB.requestCount.with(lb), stat: "Sum" },
        { id: "target5xx", metric: ALB.target5xx.with(lb), stat: "Sum" },
        { id: "elb5xx", metric: ALB.elb5xx.with(lb), stat: "Sum" },
      ],
      expressions: [
        {
          id: "rate",
          // The ALB publishes the 5xx counts only in periods that had some: FILL(…, 0) turns "none published"
          // into 0, so a period with traffic and no errors evaluates to 0 % (OK) rather than to no value.
          // RequestCount is deliberately not filled: with no requests there is no rate (0/0), the result is
          // missing and "notBreaching" applies. ELB 5xx sent before any target was chosen are not in
          // RequestCount, so a total outage is the elb-5xx alarm's to catch, not this ratio's.
          expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
          label: "5xx % of requests",
        },
      ],
      alarmOn: "rate",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdPercent },
      // No traffic: no rate. A quiet night is not an error-rate incident.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
