import { LOGS } from "../../metrics/catalog";
import { axonflowMetrics } from "../../metrics/axonflow-metrics";
import { MINIMUM_COUNT, PERCENT, serviceKind } from "../alarm-kind";

/**
 * Error log lines (the error-count metric filter) as a percent of a service's log lines: errors users may not see
 * as 5xx yet (a failing dependency retried, a policy engine erroring). A share, not a count, so busy hours and quiet
 * nights are judged alike.
 */
export const errorLogs = serviceKind({
  key: "errorLogs",
  defaults: {
    enabled: true,
    severity: "ticket",
    periodSeconds: 300,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    thresholdPercent: 5,
    minLines: 50,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** Log lines per period below which the error share counts as 0. */
    minLines: MINIMUM_COUNT,
  },
  alarms: ({ env, service, tuning: t }) => {
    const logGroupName = env.naming.logGroup(service);
    return [
      {
        name: `error-logs-${service}`,
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of ${logGroupName}'s log lines were level ` +
            `"error" in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ` +
            `${t.periodSeconds / 60} min. Run the Error Analysis query on ${logGroupName}.`,
          metrics: [
            { id: "errors", metric: axonflowMetrics(env.naming.metricNamespace).errorCount(service).with({}), stat: "Sum" },
            { id: "lines", metric: LOGS.incomingLogEvents.with({ LogGroupName: logGroupName }), stat: "Sum" },
          ],
          expressions: [
            // Both are published only in minutes with log events: FILLed, silence is 0 % here (log-silence's case).
            {
              id: "share",
              expression: `IF(FILL(lines, 0) >= ${t.minLines}, 100 * FILL(errors, 0) / FILL(lines, 0), 0)`,
              label: "Error lines %",
            },
          ],
          alarmOn: "share",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
