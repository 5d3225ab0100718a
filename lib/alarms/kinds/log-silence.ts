import { z } from "zod";
import { ALB, LOGS } from "../../metrics/catalog";
import { type KindAlarm, serviceKind } from "../alarm-kind";

/**
 * Log silence, in one of two forms per service; a ticket: broken shipping blinds the error alarms but no customer
 * feels it (replay: log-shipping-broken).
 * - Where it writes heartbeats (`writesHeartbeats`): IncomingLogEvents below `thresholdCount` per period, missing
 *   data breaching; CloudWatch reads N + 2 periods and counts the older real points while any remain, so it fires
 *   after (3 + 2) × 3 min = 15 silent minutes.
 * - Where it logs each request (`logsEachRequest`, no heartbeats: AxonFlow's agent writes "📨 Incoming request from
 *   …", its orchestrator "[LLM] COMPLETED …": platform/agent/run.go, platform/orchestrator/run.go): periods with at
 *   least `minRequests` requests to its target group (an internal service: its caller's) and not one log line, 3 of
 *   3, about 10 min. No traffic and no logs is an idle service, not an incident; a dead service is running-tasks'
 *   and target-health's business.
 */
export const logSilence = serviceKind({
  key: "logSilence",
  defaults: {
    enabled: true,
    severity: "ticket",
    periodSeconds: 180,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    thresholdCount: 1,
    minRequests: 10,
  },
  threshold: {
    // "Fewer than 0 events" can never happen, so the smallest meaningful silence threshold is 1.
    thresholdCount: z.number().int().min(1),
    /** Requests per period from which a period without log lines is silence (services that log each request). */
    minRequests: z.number().int().min(1),
  },
  alarms: ({ env, service, settings: s, services, albArnSuffix, tuning: t }): KindAlarm[] => {
    const logGroupName = env.naming.logGroup(service);
    const lines = LOGS.incomingLogEvents.with({ LogGroupName: logGroupName });
    const name = `log-silence-${service}`;
    if (s.writesHeartbeats) {
      return [
        {
          name,
          spec: {
            kind: "metric",
            description:
              `Log group ${logGroupName} received fewer than ${t.thresholdCount} events in ` +
              `${t.periodSeconds / 60} min: ${service} is down or its logs no longer reach CloudWatch. ` +
              `Check the ECS service's running tasks, then the log driver / agent and its IAM permissions.`,
            metric: lines,
            statistic: "Sum",
            comparison: "LessThanThreshold",
            threshold: t.thresholdCount,
            // When nothing is ingested CloudWatch Logs publishes no datapoint at all (not a 0). With any other rule
            // the alarm would sit in INSUFFICIENT_DATA exactly when the logs stop: silence must count as breaching.
            treatMissingData: "breaching",
          },
        },
      ];
    }
    // The requests that reach it: its own target group's, or for an internal service its caller's.
    const targetGroup = s.targetGroupArnSuffix ?? (s.calledBy === undefined ? undefined : services[s.calledBy]?.targetGroupArnSuffix);
    if (!s.logsEachRequest || targetGroup === undefined) return [];
    return [
      {
        name,
        spec: {
          kind: "math",
          description: [
            `Log group ${logGroupName} received no events in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min`,
            `while ${targetGroup} routed at least ${t.minRequests} requests in each:`,
            `${service} serves, but its logs no longer reach CloudWatch. Check the log driver or router and its IAM permissions.`,
          ].join(" "),
          metrics: [
            {
              id: "requests",
              metric: ALB.targetGroupRequestCount.with({ LoadBalancer: albArnSuffix, TargetGroup: targetGroup }),
              stat: "Sum",
            },
            { id: "lines", metric: lines, stat: "Sum" },
          ],
          expressions: [
            // Both are published only in periods that had some: FILLed, an idle period is 0 requests (not silence).
            {
              id: "silent",
              expression: `IF(FILL(requests, 0) >= ${t.minRequests} AND FILL(lines, 0) == 0, 1, 0)`,
              label: "Serving without logs",
            },
          ],
          alarmOn: "silent",
          condition: { comparison: "GreaterThanThreshold", threshold: 0 },
          // The FILLed expression has a value in every period; a missing one is no evidence.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
