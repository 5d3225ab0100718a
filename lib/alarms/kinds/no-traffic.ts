import { z } from "zod";
import { describeWindow, type TrafficWindow, trafficWindowSchema } from "../../config/traffic-schedule";
import { ALB } from "../../metrics/catalog";
import { albErrorInputs } from "../alb-answers";
import { stackKind } from "../alarm-kind";

/**
 * Fewer answers than the hour always brings than the hour always brings (the environment's
 * `expectedTraffic` schedule), for the whole window: clients cannot reach AxonFlow (DNS, CDN, a network change in
 * front of the ALB) while every service looks healthy. Outside the schedule the floor is 0 and nothing fires, so
 * an idle night is quiet.
 *
 * The floor is metric math (HOUR, DAY, in UTC) over the timestamps of a target group's HealthyHostCount, which ELB
 * publishes every minute whether or not a request comes, not over the answers: AWS does not say that FILL fills a
 * series with no point at all in the alarm's range, which is exactly what a cut leaves. `expected - answers` then
 * has a point wherever the clock has one, with missing answers counted 0 ("Using metric math": arithmetic).
 */
export const noTraffic = stackKind({
  key: "noTraffic",
  defaults: { enabled: false, severity: "page", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, expectedTraffic: [] },
  threshold: {
    /** The UTC hours in which no traffic is a cut, not a quiet hour (traffic-schedule.ts). */
    expectedTraffic: z.array(trafficWindowSchema).max(6),
  },
  enabledWherePaging: (written) => Array.isArray(written.expectedTraffic) && written.expectedTraffic.length > 0,
  alarms: ({ albArnSuffix, services, tuning: t }) => {
    // A target group of the load balancer: its health-check metric marks the time when no request comes.
    const clock = Object.values(services).find((s) => s.targetGroupArnSuffix !== undefined)?.targetGroupArnSuffix;
    if (clock === undefined) return [];
    if (t.expectedTraffic.length === 0)
      throw new Error(`alarms.noTraffic: expectedTraffic is empty; there is no hour in which no traffic is a cut`);
    const { requests, elb503, answers } = albErrorInputs(albArnSuffix);
    // Up to three windows are spelled out; more would not fit CloudWatch's 1024 characters beside a long runbook URL.
    const windows = t.expectedTraffic;
    const schedule =
      windows.length <= 3 ? windows.map(describeWindow).join("; ") : `${windows.length} windows of alarms.noTraffic.expectedTraffic`;
    return [
      {
        name: "no-traffic",
        spec: {
          kind: "math",
          thresholdUnit: "Count",
          description:
            `${albArnSuffix} answered fewer requests per ${t.periodSeconds / 60} min than its ` +
            `hours always bring (${schedule}) for ${t.datapointsToAlarm} of ` +
            `${t.evaluationPeriods} periods: clients no longer reach it. Check DNS, the CDN or ` +
            `API gateway in front of it, and the load balancer's listeners and security groups.`,
          metrics: [
            requests,
            elb503,
            { id: "clock", metric: ALB.healthyHostCount.with({ LoadBalancer: albArnSuffix, TargetGroup: clock }), stat: "Maximum" },
          ],
          expressions: [
            answers,
            { id: "expected", expression: expectedTrafficExpression(t.expectedTraffic, "clock"), label: "Answers the hour always brings" },
            { id: "shortfall", expression: `expected - ${answers.id}`, label: "Answers short of the schedule" },
          ],
          alarmOn: "shortfall",
          condition: { comparison: "GreaterThanThreshold", threshold: 0 },
          // No health-check datapoint either: the load balancer or its target group is gone, which no traffic also means.
          treatMissingData: "breaching",
        },
      },
    ];
  },
});

/** The floor at each point of `series`: a window's minRequests in its hours (windows never overlap), else 0. */
export function expectedTrafficExpression(windows: readonly TrafficWindow[], series: string): string {
  return windows
    .map((w) => {
      const hours = [
        w.fromHourUtc > 0 ? `HOUR(${series}) >= ${w.fromHourUtc}` : "",
        w.toHourUtc < 24 ? `HOUR(${series}) < ${w.toHourUtc}` : "",
      ];
      // A window of all 24 hours every day still needs a series-valued condition: HOUR is always ≥ 0.
      const conditions = [...hours, w.days === "weekdays" ? `DAY(${series}) <= 5` : ""].filter((c) => c !== "");
      return `IF(${conditions.length > 0 ? conditions.join(" AND ") : `HOUR(${series}) >= 0`}, ${w.minRequests}, 0)`;
    })
    .join(" + ");
}
