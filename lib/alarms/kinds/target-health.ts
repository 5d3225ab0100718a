import { ALB } from "../../metrics/catalog";
import { serviceKind } from "../alarm-kind";

/**
 * Fewer healthy targets in a public service's target group than its `minHealthyTargets`: the hard-down signal,
 * pages. With none healthy the ALB answers 503 itself, RequestCount publishes nothing and a ratio of errors to
 * requests has no value, so this, not the error rate, is what sees a total outage. 3 of 5 minutes, not 3 of 3: it
 * fires as fast, but a crash loop's tasks that are healthy for a minute no longer clear it and re-page at the next
 * fall (replay: unwritten crash loops at night paged three times in five minutes).
 */
export const targetHealth = serviceKind({
  key: "targetHealth",
  defaults: { enabled: true, severity: "page", periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
  threshold: {},
  alarms: ({ service, settings: s, albArnSuffix, tuning: t }) =>
    s.targetGroupArnSuffix === undefined
      ? []
      : [
          {
            name: `target-health-${service}`,
            spec: {
              kind: "metric",
              description:
                `Target group ${s.targetGroupArnSuffix} (${service}) had fewer than ` +
                `${s.minHealthyTargets} healthy targets in ${t.datapointsToAlarm} of ` +
                `${t.evaluationPeriods} minutes: users of ${service} get 503s from the load ` +
                `balancer. Check the target group's health-check reasons and the ECS service's ` +
                `stopped tasks.`,
              // HealthyHostCount exists only per {LoadBalancer, TargetGroup}.
              metric: ALB.healthyHostCount.with({ LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix }),
              // The fewest healthy targets seen in the minute: one that dropped out mid-minute counts.
              statistic: "Minimum",
              comparison: "LessThanThreshold",
              threshold: s.minHealthyTargets,
              // Published every minute, 0 included: a missing minute means the target group or the load balancer is
              // gone (deleted, renamed), which is an outage for this service, not the absence of one.
              treatMissingData: "breaching",
            },
          },
        ],
});
