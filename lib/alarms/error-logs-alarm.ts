import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { LOGS } from "../metrics/catalog";
import { axonflowMetrics } from "../metrics/axonflow-metrics";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface ErrorLogsAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, …): names the alarm and the error-count metric. */
  readonly service: string;
  readonly logGroupName: string;
  readonly thresholdPercent: number;
  /** Log lines per period below which the share counts as 0. */
  readonly minLines: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when error lines (the `level = "error"` metric filter) are more than a share of a service's log lines:
 * errors users may not see as 5xx yet (a failing dependency retried, a policy engine erroring). A share, not a
 * count, so busy hours and quiet nights are judged alike.
 */
export class ErrorLogsAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: ErrorLogsAlarmProps) {
    super(scope, id);
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Percent",
      name: props.env.naming.alarm(`error-logs-${props.service}`),
      description: `More than ${props.thresholdPercent}% of ${props.logGroupName}'s log lines were level "error" in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min. Run the Error Analysis query on ${props.logGroupName}.`,
      runbookUrl: props.env.runbook("error-logs"),
      metrics: [
        { id: "errors", metric: axonflowMetrics(props.env.naming.metricNamespace).errorCount(props.service).with({}), stat: "Sum" },
        { id: "lines", metric: LOGS.incomingLogEvents.with({ LogGroupName: props.logGroupName }), stat: "Sum" },
      ],
      expressions: [
        // Both are published only in minutes with log events: FILLed, silence is 0 % here (log-silence's case).
        { id: "share", expression: `IF(FILL(lines, 0) >= ${props.minLines}, 100 * FILL(errors, 0) / FILL(lines, 0), 0)`, label: "Error lines %" },
      ],
      alarmOn: "share",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: props.thresholdPercent },
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
