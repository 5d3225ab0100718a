import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ECS_INSIGHTS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface TasksBelowFloorAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, `orchestrator`): names the alarm. */
  readonly service: string;
  readonly clusterName: string;
  readonly ecsServiceName: string;
  /** Fewer running tasks than this cannot carry the service's load (config `services.<s>.minRunningTasks`). */
  readonly minRunningTasks: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when an ECS service runs fewer tasks than the floor the environment sets: it can no longer serve, which
 * pages. One task short of desired while the rest carry the load is running-tasks' ticket, not this.
 * Needs Container Insights on the cluster.
 */
export class TasksBelowFloorAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: TasksBelowFloorAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(`tasks-below-floor-${props.service}`),
      description:
        `ECS service ${props.ecsServiceName} in ${props.clusterName} ran fewer than ${props.minRunningTasks} tasks ` +
        `in ${props.datapointsToAlarm} of ${props.evaluationPeriods} minutes: too few to serve. ` +
        `Check the service's events and stopped-task reasons (exit code, OOMKilled, placement).`,
      runbookUrl: props.env.runbook("tasks-below-floor"),
      // The fewest tasks seen in the minute: a crash loop's dips count.
      metric: ECS_INSIGHTS.runningTaskCount.with({ ClusterName: props.clusterName, ServiceName: props.ecsServiceName }),
      statistic: "Minimum",
      ...windowOf(props),
      comparison: "LessThanThreshold",
      threshold: props.minRunningTasks,
      // Container Insights reports a service only while one of its tasks runs: no datapoint is no task at all.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
