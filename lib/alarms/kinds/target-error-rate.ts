import { ALB } from "../../metrics/catalog";
import { MINIMUM_COUNT, PERCENT, serviceKind } from "../alarm-kind";

/**
 * One public service's own 5xx share, from its target group's series, pages: a small service failing badly (the
 * customer portal at 30 %) is a few percent of the load balancer's answers, under error-rate's threshold, yet its
 * users are locked out. The load balancer's own 5xx have no TargetGroup series; a group with no healthy target is
 * target-health's case. 20 requests per 5 min, or one stray error of a quiet portal would be 5 %+.
 */
export const targetErrorRate = serviceKind({
  key: "targetErrorRate",
  defaults: {
    enabled: true,
    severity: "page",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdPercent: 5,
    minRequests: 20,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** A target group's requests per period below which its rate counts as 0. */
    minRequests: MINIMUM_COUNT,
  },
  alarms: ({ service, settings: s, albArnSuffix, tuning: t }) => {
    if (s.targetGroupArnSuffix === undefined) return [];
    const tg = { LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix };
    return [
      {
        name: `target-error-rate-${service}`,
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of the requests to ${service} (${s.targetGroupArnSuffix}) were ` +
            `its own HTTP 5xx in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min ` +
            `(periods with fewer than ${t.minRequests} requests count as 0 %). Check the Error Analysis query for ${service}.`,
          metrics: [
            { id: "requests", metric: ALB.targetGroupRequestCount.with(tg), stat: "Sum" },
            { id: "target5xx", metric: ALB.targetGroupTarget5xx.with(tg), stat: "Sum" },
          ],
          expressions: [
            {
              id: "rate",
              expression: `IF(FILL(requests, 0) >= ${t.minRequests}, 100 * FILL(target5xx, 0) / FILL(requests, 0), 0)`,
              label: `5xx % of ${service}'s requests`,
            },
          ],
          alarmOn: "rate",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          // The FILLed rate has a value in every period; should it ever not, that is no evidence.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
