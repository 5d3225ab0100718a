import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { type MathExpression, type MathMetric, MathAlarm } from "./math-alarm";

export interface ErrorRateAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** Percent of answers, 0-100. */
  readonly thresholdPercent: number;
  /** Answers per period below which the rate counts as 0. */
  readonly minRequests: number;
  readonly actions: AlarmActions;
}

/**
 * The load balancer's answers and the 5xx among them, as metric-math inputs (this alarm, the burn rate, the
 * no-traffic and the load-balancer-error alarms share them). The ALB publishes each count only in periods that had
 * some, so each is FILLed with 0: a period with traffic and no errors is 0 %, not "no value". RequestCount counts
 * the requests for which a target was chosen, its 502s and 504s among them; the 503s of no healthy target are not
 * in it, so they are added to the answers: a total outage is 100 %, not 0/0.
 */
export function albErrorInputs(albArnSuffix: string): {
  readonly requests: MathMetric;
  readonly target5xx: MathMetric;
  readonly elb5xx: MathMetric;
  readonly elb503: MathMetric;
  readonly answers: MathExpression;
  readonly errors: MathExpression;
} {
  const lb = { LoadBalancer: albArnSuffix };
  const requests: MathMetric = { id: "requests", metric: ALB.requestCount.with(lb), stat: "Sum" };
  const target5xx: MathMetric = { id: "target5xx", metric: ALB.target5xx.with(lb), stat: "Sum" };
  const elb5xx: MathMetric = { id: "elb5xx", metric: ALB.elb5xx.with(lb), stat: "Sum" };
  const elb503: MathMetric = { id: "elb503", metric: ALB.elb503.with(lb), stat: "Sum" };
  const answers: MathExpression = { id: "answers", expression: `FILL(${requests.id}, 0) + FILL(${elb503.id}, 0)`, label: "Answers (requests + no-target 503s)" };
  const errors: MathExpression = { id: "errors", expression: `FILL(${target5xx.id}, 0) + FILL(${elb5xx.id}, 0)`, label: "5xx (targets + load balancer)" };
  return { requests, target5xx, elb5xx, elb503, answers, errors };
}

/**
 * Fires when 5xx responses (the targets' and the load balancer's own) exceed a share of all answers: a ratio,
 * so a busy hour does not page where a quiet one would not, with a minimum volume so a quiet night's single
 * error does not either. The guide's absolute count (> 10 per 5 min) did both.
 */
export class ErrorRateAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: ErrorRateAlarmProps) {
    super(scope, id);
    const { requests, target5xx, elb5xx, elb503, answers, errors } = albErrorInputs(props.albArnSuffix);
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Percent",
      name: props.env.naming.alarm("error-rate"),
      description: `More than ${props.thresholdPercent}% of answers from ${props.albArnSuffix} were HTTP 5xx (targets + load balancer) in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min (periods with fewer than ${props.minRequests} answers count as 0 %). Check the target-health and running-tasks alarms to see whether a service is down, then the Error Analysis query.`,
      runbookUrl: props.env.runbook("error-rate"),
      metrics: [requests, target5xx, elb5xx, elb503],
      expressions: [
        answers,
        errors,
        { id: "rate", expression: `IF(${answers.id} >= ${props.minRequests}, 100 * ${errors.id} / ${answers.id}, 0)`, label: "5xx % of answers" },
      ],
      alarmOn: "rate",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdPercent },
      // The FILLed rate has a value in every period; should it ever not (an expression error), that is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
