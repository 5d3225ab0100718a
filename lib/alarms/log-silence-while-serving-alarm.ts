import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB, LOGS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface LogSilenceWhileServingAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, …): names the alarm. */
  readonly service: string;
  readonly logGroupName: string;
  readonly albArnSuffix: string;
  /** The target group whose requests reach the service: its own, or for an internal service its caller's. */
  readonly targetGroupArnSuffix: string;
  /** Requests per period from which a period without a single log line is silence. */
  readonly minRequests: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when a service keeps taking requests but its log group receives nothing: log shipping is broken. Only for
 * services that log each request they serve (AxonFlow's agent writes "📨 Incoming request from …", its orchestrator
 * "[LLM] COMPLETED …": platform/agent/run.go, platform/orchestrator/run.go). No traffic and no logs is an idle
 * service, not an incident; a dead service is running-tasks' and target-health's business.
 */
export class LogSilenceWhileServingAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: LogSilenceWhileServingAlarmProps) {
    super(scope, id);
    const minutes = props.periodSeconds / 60;
    this.alarm = new MathAlarm(this, "Default", {
      name: props.env.naming.alarm(`log-silence-${props.service}`),
      description: [
        `Log group ${props.logGroupName} received no events in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${minutes} min`,
        `while ${props.targetGroupArnSuffix} routed at least ${props.minRequests} requests in each:`,
        `${props.service} serves, but its logs no longer reach CloudWatch. Check the log driver or router and its IAM permissions.`,
      ].join(" "),
      runbookUrl: props.env.runbook("log-silence"),
      metrics: [
        {
          id: "requests",
          metric: ALB.targetGroupRequestCount.with({ LoadBalancer: props.albArnSuffix, TargetGroup: props.targetGroupArnSuffix }),
          stat: "Sum",
        },
        { id: "lines", metric: LOGS.incomingLogEvents.with({ LogGroupName: props.logGroupName }), stat: "Sum" },
      ],
      expressions: [
        // Both are published only in periods that had some: FILLed, an idle period is 0 requests (not silence).
        { id: "silent", expression: `IF(FILL(requests, 0) >= ${props.minRequests} AND FILL(lines, 0) == 0, 1, 0)`, label: "Serving without logs" },
      ],
      alarmOn: "silent",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: 0 },
      // The FILLed expression has a value in every period; a missing one is no evidence.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
