import { ALB } from "../../metrics/catalog";
import { albErrorInputs } from "../alb-answers";
import { MINIMUM_COUNT, PERCENT, stackKind } from "../alarm-kind";
import type { MathMetric } from "../math-alarm";

/** What the load balancer answers itself, and why: the name each alarm gets and the cause its description names. */
export const LOAD_BALANCER_ERRORS = {
  "elb-502": {
    metric: ALB.elb502,
    what: "502 Bad Gateway",
    cause: "targets closed connections or sent no valid response: tasks crashing, killed (OOM) or stopped without draining",
  },
  "elb-503": { metric: ALB.elb503, what: "503 Service Unavailable", cause: "a target group had no healthy target" },
  "elb-504": {
    metric: ALB.elb504,
    what: "504 Gateway Timeout",
    cause: "targets did not answer within the load balancer's idle timeout: a hanging LLM provider or a stuck service",
  },
  "elb-target-connection-errors": {
    metric: ALB.targetConnectionErrors,
    what: "failed connections to targets",
    cause: "the load balancer could not connect: security groups, the task's port, or tasks dying",
  },
} as const;

/**
 * The load balancer's own 502, 503 and 504 and its failed connections to targets, each as a percent of answers
 * (error-rate's): tickets that say why error-rate pages, or warn below it. Over 1 %, under 50 answers 0 %: a rolling
 * deploy's few lost connections stay under it (replay: rolling-deploy).
 */
export const loadBalancerErrors = stackKind({
  key: "loadBalancerErrors",
  defaults: {
    enabled: true,
    severity: "ticket",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdPercent: 1,
    minRequests: 50,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** Answers per period below which each share counts as 0. */
    minRequests: MINIMUM_COUNT,
  },
  alarms: ({ albArnSuffix, tuning: t }) =>
    Object.entries(LOAD_BALANCER_ERRORS).map(([name, { metric, what, cause }]) => {
      const { requests, elb503, answers } = albErrorInputs(albArnSuffix);
      // The 503s are already an input of the answers: fetched once.
      const counted: MathMetric =
        name === "elb-503" ? elb503 : { id: "errors", metric: metric.with({ LoadBalancer: albArnSuffix }), stat: "Sum" };
      return {
        name,
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of the answers of ${albArnSuffix} were ${what} in ` +
            `${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min ` +
            `(periods with fewer than ${t.minRequests} answers count as 0 %): ${cause}.`,
          metrics: [...new Set([requests, elb503, counted])],
          expressions: [
            answers,
            {
              id: "share",
              expression: `IF(${answers.id} >= ${t.minRequests}, 100 * FILL(${counted.id}, 0) / ${answers.id}, 0)`,
              label: `${what} % of answers`,
            },
          ],
          alarmOn: "share",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          // The FILLed share has a value in every period; should it ever not, that is no evidence.
          treatMissingData: "notBreaching",
        },
      };
    }),
});
