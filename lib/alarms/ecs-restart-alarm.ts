import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ECS_INSIGHTS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface EcsRestartAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** The config key (`agent`, `orchestrator`): names the alarm. */
  readonly service: string;
  readonly clusterName: string;
  readonly ecsServiceName: string;
  readonly thresholdCount: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when an ECS service's containers restart more than the threshold per period (a crash loop).
 * Dimension set per https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html:
 * service-level Container Insights series are published with ClusterName AND ServiceName; the guide's
 * ServiceName-only alarm matches no series and never fires.
 */
export class EcsRestartAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: EcsRestartAlarmProps) {
    super(scope, id);
    const where = `${props.ecsServiceName} in cluster ${props.clusterName}`;
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(`ecs-restarts-${props.service}`),
      description: `Containers of ${where} restarted more than ${props.thresholdCount} times in ${props.periodSeconds / 60} min. Check stopped-task reasons and exit codes in the ECS console and the ${props.service} logs just before each restart.`,
      runbookUrl: props.env.runbook("ecs-restarts"),
      metric: ECS_INSIGHTS.restartCount.with({ ClusterName: props.clusterName, ServiceName: props.ecsServiceName }),
      statistic: "Sum",
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdCount,
      // Container Insights publishes service metrics only while the service has RUNNING tasks, and
      // RestartCount only for containers with a restart policy: no datapoint is "no restarts seen", not a
      // breach. A service with no running tasks at all is the log-silence alarm's case.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
