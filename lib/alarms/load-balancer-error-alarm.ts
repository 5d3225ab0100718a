import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { MetricDefinition } from "../metrics/metric";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { albErrorInputs } from "./error-rate-alarm";
import { type MathMetric, MathAlarm } from "./math-alarm";

/** What the load balancer answers itself, and why: the name each alarm gets and the cause its description names. */
export const LOAD_BALANCER_ERRORS = {
  "elb-502": { metric: ALB.elb502, what: "502 Bad Gateway", cause: "targets closed connections or sent no valid response: tasks crashing, killed (OOM) or stopped without draining" },
  "elb-503": { metric: ALB.elb503, what: "503 Service Unavailable", cause: "a target group had no healthy target" },
  "elb-504": { metric: ALB.elb504, what: "504 Gateway Timeout", cause: "targets did not answer within the load balancer's idle timeout: a hanging LLM provider or a stuck service" },
  "elb-target-connection-errors": { metric: ALB.targetConnectionErrors, what: "failed connections to targets", cause: "the load balancer could not connect: security groups, the task's port, or tasks dying" },
} as const satisfies Record<string, { metric: MetricDefinition<"LoadBalancer">; what: string; cause: string }>;

export type LoadBalancerError = keyof typeof LOAD_BALANCER_ERRORS;

export interface LoadBalancerErrorAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  readonly error: LoadBalancerError;
  /** Percent of answers, 0-100. */
  readonly thresholdPercent: number;
  /** Answers per period below which the share counts as 0. */
  readonly minRequests: number;
  readonly actions: AlarmActions;
}

/** One cause of the load balancer's own errors as a share of its answers (error-rate's): a ticket that says why error-rate pages, or warns below it. */
export class LoadBalancerErrorAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: LoadBalancerErrorAlarmProps) {
    super(scope, id);
    const { metric, what, cause } = LOAD_BALANCER_ERRORS[props.error];
    const { requests, elb503, answers } = albErrorInputs(props.albArnSuffix);
    // The 503s are already an input of the answers: fetched once.
    const counted: MathMetric = props.error === "elb-503" ? elb503 : { id: "errors", metric: metric.with({ LoadBalancer: props.albArnSuffix }), stat: "Sum" };
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Percent",
      name: props.env.naming.alarm(props.error),
      description:
        `More than ${props.thresholdPercent}% of the answers of ${props.albArnSuffix} were ${what} in ` +
        `${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min ` +
        `(periods with fewer than ${props.minRequests} answers count as 0 %): ${cause}.`,
      runbookUrl: props.env.runbook("load-balancer-errors"),
      metrics: [...new Set([requests, elb503, counted])],
      expressions: [answers, { id: "share", expression: `IF(${answers.id} >= ${props.minRequests}, 100 * FILL(${counted.id}, 0) / ${answers.id}, 0)`, label: `${what} % of answers` }],
      alarmOn: "share",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdPercent },
      // The FILLed share has a value in every period; should it ever not, that is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
