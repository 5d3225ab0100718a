import { ECS_INSIGHTS } from "../../metrics/catalog";
import { serviceKind } from "../alarm-kind";

/**
 * Fewer ECS tasks running than desired in 4 of 10 minutes: crash loops (each task exits within minutes of
 * starting), OOM kills, no capacity to place tasks. Fires after 4 minutes; clears only after 7 good ones, so tasks
 * that start and crash again do not flip it (and the page) back. It replaces the guide's RestartCount alarm, which
 * can never fire: RestartCount counts only containers with a restart policy (off by default), and a container must
 * run 300 s before it can be restarted. Needs Container Insights on the cluster.
 */
export const runningTasks = serviceKind({
  key: "runningTasks",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 4 },
  threshold: {},
  alarms: ({ service, settings: s, clusterName, tuning: t }) => {
    if (s.ecsServiceName === undefined) return [];
    const dims = { ClusterName: clusterName, ServiceName: s.ecsServiceName };
    return [
      {
        name: `running-tasks-${service}`,
        spec: {
          kind: "math",
          description:
            `ECS service ${s.ecsServiceName} in ${clusterName} ran fewer tasks than desired in ` +
            `${t.datapointsToAlarm} of ${t.evaluationPeriods} minutes (or none at all). Check the service's events ` +
            `and stopped-task reasons (exit code, OOMKilled, placement), then the ${service} logs before each stop.`,
          metrics: [
            { id: "running", metric: ECS_INSIGHTS.runningTaskCount.with(dims), stat: "Average" },
            { id: "desired", metric: ECS_INSIGHTS.desiredTaskCount.with(dims), stat: "Average" },
          ],
          expressions: [{ id: "missing", expression: "desired - running", label: "Tasks short of desired" }],
          alarmOn: "missing",
          condition: { comparison: "GreaterThanThreshold", threshold: 0 },
          // Container Insights reports a service's metrics only while one of its tasks runs: no datapoint at all is
          // the worst case (every task gone), so it breaches. A service deliberately scaled to 0 must disable this.
          treatMissingData: "breaching",
        },
      },
    ];
  },
});
