import { albErrorInputs } from "../alb-answers";
import { MINIMUM_COUNT, PERCENT, stackKind } from "../alarm-kind";

/**
 * 5xx responses (the targets' and the load balancer's own) as a share of all answers, pages: a ratio, so a busy
 * hour does not page where a quiet one would not, with a minimum volume so a quiet night's single error does not
 * either. The guide's absolute count (> 10 per 5 min) did both.
 */
export const errorRate = stackKind({
  key: "errorRate",
  // Below `minRequests` answers a period counts as 0: at night one 502 in 15 requests is 6.7 %, and that is not an incident.
  defaults: {
    enabled: true,
    severity: "page",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdPercent: 5,
    minRequests: 50,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** Answers (requests + the no-target 503s outside them) per period below which the rate counts as 0. */
    minRequests: MINIMUM_COUNT,
  },
  alarms: ({ albArnSuffix, tuning: t }) => {
    const { requests, target5xx, elb5xx, elb503, answers, errors } = albErrorInputs(albArnSuffix);
    return [
      {
        name: "error-rate",
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of answers from ${albArnSuffix} were HTTP 5xx (targets + load ` +
            `balancer) in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min ` +
            `(periods with fewer than ${t.minRequests} answers count as 0 %). Check the target-health and ` +
            `running-tasks alarms to see whether a service is down, then the Error Analysis query.`,
          metrics: [requests, target5xx, elb5xx, elb503],
          expressions: [
            answers,
            errors,
            {
              id: "rate",
              expression: `IF(${answers.id} >= ${t.minRequests}, 100 * ${errors.id} / ${answers.id}, 0)`,
              label: "5xx % of answers",
            },
          ],
          alarmOn: "rate",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          // The FILLed rate has a value in every period; should it ever not (an expression error), that is no evidence.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
