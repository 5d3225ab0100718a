import { z } from "zod";
import { ALB } from "../../metrics/catalog";
import { stackKind } from "../alarm-kind";

/**
 * Request volume outside the band CloudWatch anomaly detection learned from its history, in either direction: a
 * drop (clients cut off, DNS, upstream outage) or a surge (runaway client, abuse). Band width in standard
 * deviations. Off by default: the replays show a band trained on ordinary days firing all through a launch day
 * (1.6× traffic) or a quiet holiday (0.4×), which are not incidents; traffic that stops is no-traffic's. The model
 * needs two weeks of history, and an anomaly alarm is billed as three metrics. Turn it on where volume itself matters.
 */
export const requestAnomaly = stackKind({
  key: "requestAnomaly",
  defaults: { enabled: false, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdStdDevs: 3 },
  threshold: { thresholdStdDevs: z.number().gt(0).max(100) },
  alarms: ({ albArnSuffix, tuning: t }) => [
    {
      name: "request-anomaly",
      spec: {
        kind: "math",
        description:
          `Request volume on ${albArnSuffix} left its expected band (${t.thresholdStdDevs} ` +
          `standard deviations) in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ` +
          `${t.periodSeconds / 60} min. A drop: check DNS, clients and upstream networks; a ` +
          `surge: check which clients (Logs Insights) and rate limits.`,
        metrics: [{ id: "requests", metric: ALB.requestCount.with({ LoadBalancer: albArnSuffix }), stat: "Sum" }],
        expressions: [
          // The ALB publishes no RequestCount in a period without requests: FILLed, traffic cut to zero is a 0 far
          // below the band instead of a missing point.
          { id: "filled", expression: "FILL(requests, 0)", label: "Requests" },
          { id: "band", expression: `ANOMALY_DETECTION_BAND(filled, ${t.thresholdStdDevs})`, label: "Expected requests" },
        ],
        alarmOn: "filled",
        condition: { comparison: "LessThanLowerOrGreaterThanUpperThreshold", bandId: "band" },
        // The filled series has a value in every period; a missing band (a model still training) is no evidence.
        treatMissingData: "notBreaching",
      },
    },
  ],
});
