import { ALB } from "../../metrics/catalog";
import { MINIMUM_COUNT, SECONDS, serviceKind } from "../alarm-kind";

/**
 * One public service's own p95 response time, from its target group's series, in seconds: the load balancer's p95
 * is the agent's LLM calls, so a portal whose pages went from 0.1 to 5 s hardly moves it. A service may set its own
 * threshold (`services.<name>.latencyThresholdSeconds`: a portal's pages are slow long before an LLM call is). Under
 * `minRequests` per period the p95 counts as 0: two slow requests of five are not a trend (replay:
 * low-traffic-production). That guard in metric math stands in for evaluateLowSampleCountPercentiles, whose
 * 200-sample floor for p95 would leave out the small service this alarm is for.
 */
export const targetLatency = serviceKind({
  key: "targetLatency",
  defaults: {
    enabled: true,
    severity: "ticket",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdSeconds: 5,
    minRequests: 20,
  },
  threshold: {
    /** For each public service without its own latencyThresholdSeconds. */
    thresholdSeconds: SECONDS,
    /** A target group's requests per period below which its p95 counts as 0. */
    minRequests: MINIMUM_COUNT,
  },
  alarms: ({ service, settings: s, albArnSuffix, tuning: t }) => {
    if (s.targetGroupArnSuffix === undefined) return [];
    const tg = { LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix };
    const thresholdSeconds = s.latencyThresholdSeconds ?? t.thresholdSeconds;
    return [
      {
        name: `target-latency-${service}`,
        spec: {
          kind: "math",
          thresholdUnit: "Seconds",
          description:
            `p95 response time of ${service} (${s.targetGroupArnSuffix}) is above ${thresholdSeconds} s in ` +
            `${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min ` +
            `(periods with fewer than ${t.minRequests} requests count as 0 s). Check what ${service} waits on.`,
          metrics: [
            { id: "requests", metric: ALB.targetGroupRequestCount.with(tg), stat: "Sum" },
            { id: "p95", metric: ALB.targetGroupResponseTime.with(tg), stat: "p95" },
          ],
          expressions: [
            {
              id: "latency",
              expression: `IF(FILL(requests, 0) >= ${t.minRequests}, FILL(p95, 0), 0)`,
              label: `p95 response time of ${service} (s)`,
            },
          ],
          alarmOn: "latency",
          condition: { comparison: "GreaterThanThreshold", threshold: thresholdSeconds },
          // The FILLed value exists in every period; should it ever not, that is no evidence.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
