import { ECS_INSIGHTS } from "../../metrics/catalog";
import { serviceKind } from "../alarm-kind";

/**
 * Fewer ECS tasks running than the service's `minRunningTasks` in 2 of 3 minutes (no datapoint: no task): it
 * cannot serve, pages. A task or two short with the floor still held is running-tasks' ticket. Needs Container
 * Insights on the cluster.
 */
export const tasksBelowFloor = serviceKind({
  key: "tasksBelowFloor",
  defaults: { enabled: true, severity: "page", periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2 },
  threshold: {},
  alarms: ({ service, settings: s, clusterName, tuning: t }) =>
    s.ecsServiceName === undefined
      ? []
      : [
          {
            name: `tasks-below-floor-${service}`,
            spec: {
              kind: "metric",
              description:
                `ECS service ${s.ecsServiceName} in ${clusterName} ran fewer than ${s.minRunningTasks} tasks ` +
                `in ${t.datapointsToAlarm} of ${t.evaluationPeriods} minutes: too few to serve. ` +
                `Check the service's events and stopped-task reasons (exit code, OOMKilled, placement).`,
              // The fewest tasks seen in the minute: a crash loop's dips count.
              metric: ECS_INSIGHTS.runningTaskCount.with({ ClusterName: clusterName, ServiceName: s.ecsServiceName }),
              statistic: "Minimum",
              comparison: "LessThanThreshold",
              threshold: s.minRunningTasks,
              // Container Insights reports a service only while one of its tasks runs: no datapoint is no task at all.
              treatMissingData: "breaching",
            },
          },
        ],
});
