import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { LOGS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface LogSilenceAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, …): names the alarm. */
  readonly service: string;
  /** `/axonflow/<env>/<service>`, from Naming.logGroup. */
  readonly logGroupName: string;
  /** Fires below this many events per period. */
  readonly thresholdCount: number;
  readonly actions: AlarmActions;
}

/** Fires when a service's log group receives (almost) nothing: the service is down or log shipping broke. */
export class LogSilenceAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: LogSilenceAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(`log-silence-${props.service}`),
      description: `Log group ${props.logGroupName} received fewer than ${props.thresholdCount} events in ${props.periodSeconds / 60} min: ${props.service} is down or its logs no longer reach CloudWatch. Check the ECS service's running tasks, then the log driver / agent and its IAM permissions.`,
      runbookUrl: props.env.runbook("log-silence"),
      metric: LOGS.incomingLogEvents.with({ LogGroupName: props.logGroupName }),
      statistic: "Sum",
      ...windowOf(props),
      comparison: "LessThanThreshold",
      threshold: props.thresholdCount,
      // When nothing is ingested CloudWatch Logs publishes no datapoint at all (not a 0). With any other rule
      // the alarm would sit in INSUFFICIENT_DATA exactly when the logs stop: silence must count as breaching.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
