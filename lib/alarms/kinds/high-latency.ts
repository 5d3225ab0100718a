import { ALB } from "../../metrics/catalog";
import { type KindAlarm, SECONDS, stackKind } from "../alarm-kind";

/** A high percentile of the load balancer's target response time above the threshold. */
function latencyAlarm(
  name: string,
  percentile: string,
  albArnSuffix: string,
  t: { thresholdSeconds: number; evaluationPeriods: number; datapointsToAlarm: number },
): KindAlarm {
  return {
    name,
    spec: {
      kind: "metric",
      description:
        `${percentile} target response time behind ${albArnSuffix} is above ${t.thresholdSeconds} ` +
        `s for ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods. Check the Latency ` +
        `Percentiles by Model and Slow Requests queries, then model provider latency.`,
      metric: ALB.targetResponseTime.with({ LoadBalancer: albArnSuffix }),
      extendedStatistic: percentile,
      comparison: "GreaterThanThreshold",
      threshold: t.thresholdSeconds,
      // No requests means no response-time datapoints; a quiet period is not a latency incident.
      treatMissingData: "notBreaching",
      // A p95 of 30 samples is noise: below 10/(1 − p) samples (200 for p95, 1000 for p99) keep the state.
      evaluateLowSampleCountPercentiles: "ignore",
    },
  };
}

/** TargetResponseTime p95, in seconds (the guide's 5000 was milliseconds: 83 minutes as seconds). */
export const highLatency = stackKind({
  key: "highLatency",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdSeconds: 5 },
  threshold: { thresholdSeconds: SECONDS },
  alarms: ({ albArnSuffix, tuning }) => [latencyAlarm("high-latency", "p95", albArnSuffix, tuning)],
});

/** TargetResponseTime p99, in seconds. */
export const highLatencyP99 = stackKind({
  key: "highLatencyP99",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdSeconds: 10 },
  threshold: { thresholdSeconds: SECONDS },
  alarms: ({ albArnSuffix, tuning }) => [latencyAlarm("high-latency-p99", "p99", albArnSuffix, tuning)],
});
