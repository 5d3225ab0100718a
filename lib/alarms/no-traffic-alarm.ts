import { Construct } from "constructs";
import { describeWindow, type TrafficWindow } from "../config/traffic-schedule";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { albErrorInputs } from "./error-rate-alarm";
import { MathAlarm } from "./math-alarm";

export interface NoTrafficAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** A target group of the load balancer: its health-check metric marks the time when no request comes. */
  readonly clockTargetGroupArnSuffix: string;
  /** The hours that always bring traffic, and how much per period; no window: nothing to watch. */
  readonly expectedTraffic: readonly TrafficWindow[];
  readonly actions: AlarmActions;
}

/**
 * Fires when the load balancer answers fewer requests than the hour always brings (the environment's
 * `expectedTraffic` schedule), for the whole window: clients cannot reach AxonFlow (DNS, CDN, a network change in
 * front of the ALB) while every service looks healthy. Outside the schedule the floor is 0 and nothing fires, so
 * an idle night is quiet.
 *
 * The floor is metric math (HOUR, DAY, in UTC) over the timestamps of a target group's HealthyHostCount, which ELB
 * publishes every minute whether or not a request comes, not over the answers: AWS does not say that FILL fills a
 * series with no point at all in the alarm's range, which is exactly what a cut leaves. `expected - answers` then
 * has a point wherever the clock has one, with missing answers counted 0 ("Using metric math": arithmetic).
 */
export class NoTrafficAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: NoTrafficAlarmProps) {
    super(scope, id);
    if (props.expectedTraffic.length === 0) throw new Error(`${this.node.path}: expectedTraffic is empty; there is no hour in which no traffic is a cut`);
    const { requests, elb503, answers } = albErrorInputs(props.albArnSuffix);
    // Up to three windows are spelled out; more would not fit CloudWatch's 1024 characters beside a long runbook URL.
    const windows = props.expectedTraffic;
    const schedule = windows.length <= 3 ? windows.map(describeWindow).join("; ") : `${windows.length} windows of alarms.noTraffic.expectedTraffic`;
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Count",
      name: props.env.naming.alarm("no-traffic"),
      description: `${props.albArnSuffix} answered fewer requests per ${props.periodSeconds / 60} min than its hours always bring (${schedule}) for ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods: clients no longer reach it. Check DNS, the CDN or API gateway in front of it, and the load balancer's listeners and security groups.`,
      runbookUrl: props.env.runbook("no-traffic"),
      metrics: [requests, elb503, { id: "clock", metric: ALB.healthyHostCount.with({ LoadBalancer: props.albArnSuffix, TargetGroup: props.clockTargetGroupArnSuffix }), stat: "Maximum" }],
      expressions: [
        answers,
        { id: "expected", expression: expectedTrafficExpression(props.expectedTraffic, "clock"), label: "Answers the hour always brings" },
        { id: "shortfall", expression: `expected - ${answers.id}`, label: "Answers short of the schedule" },
      ],
      alarmOn: "shortfall",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: 0 },
      // No health-check datapoint either: the load balancer or its target group is gone, which no traffic also means.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}

/** The floor at each point of `series`: a window's minRequests in its hours (windows never overlap), else 0. */
export function expectedTrafficExpression(windows: readonly TrafficWindow[], series: string): string {
  return windows
    .map((w) => {
      const hours = [w.fromHourUtc > 0 ? `HOUR(${series}) >= ${w.fromHourUtc}` : "", w.toHourUtc < 24 ? `HOUR(${series}) < ${w.toHourUtc}` : ""];
      // A window of all 24 hours every day still needs a series-valued condition: HOUR is always ≥ 0.
      const conditions = [...hours, w.days === "weekdays" ? `DAY(${series}) <= 5` : ""].filter((c) => c !== "");
      return `IF(${conditions.length > 0 ? conditions.join(" AND ") : `HOUR(${series}) >= 0`}, ${w.minRequests}, 0)`;
    })
    .join(" + ");
}
