import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ECS_INSIGHTS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MathAlarm } from "./math-alarm";

export interface RunningTasksAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, `orchestrator`): names the alarm. */
  readonly service: string;
  readonly clusterName: string;
  readonly ecsServiceName: string;
  readonly actions: AlarmActions;
}

/**
 * Fires when an ECS service runs fewer tasks than it wants for most minutes of the window: a crash loop (each
 * task exits within minutes of starting), OOM kills, or no capacity to place tasks. It replaces the guide's
 * RestartCount alarm, which can never fire: RestartCount counts only containers with a restart policy (off by
 * default), and a container must run 300 s before it can be restarted.
 * Needs Container Insights on the cluster (the metrics do not exist without it).
 */
export class RunningTasksAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: RunningTasksAlarmProps) {
    super(scope, id);
    const dims = { ClusterName: props.clusterName, ServiceName: props.ecsServiceName };
    this.alarm = new MathAlarm(this, "Default", {
      name: props.env.naming.alarm(`running-tasks-${props.service}`),
      description: `ECS service ${props.ecsServiceName} in ${props.clusterName} ran fewer tasks than desired in ${props.datapointsToAlarm} of ${props.evaluationPeriods} minutes (or none at all). Check the service's events and stopped-task reasons (exit code, OOMKilled, placement), then the ${props.service} logs before each stop.`,
      runbookUrl: props.env.runbook("running-tasks"),
      metrics: [
        { id: "running", metric: ECS_INSIGHTS.runningTaskCount.with(dims), stat: "Average" },
        { id: "desired", metric: ECS_INSIGHTS.desiredTaskCount.with(dims), stat: "Average" },
      ],
      expressions: [{ id: "missing", expression: "desired - running", label: "Tasks short of desired" }],
      alarmOn: "missing",
      ...windowOf(props),
      condition: { comparison: "GreaterThanThreshold", threshold: 0 },
      // Container Insights reports a service's metrics only while one of its tasks runs: no datapoint at all is
      // the worst case (every task gone), so it breaches. A service deliberately scaled to 0 must disable this.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
