import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ECS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface EcsUtilizationAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly resource: "memory" | "cpu";
  /** The config key (`agent`, …): names the alarm. */
  readonly service: string;
  readonly clusterName: string;
  readonly ecsServiceName: string;
  readonly thresholdPercent: number;
  readonly actions: AlarmActions;
}

const RESOURCES = {
  // Maximum: one leaking task is enough to be OOM-killed, however healthy the others are.
  memory: { metric: ECS.memoryUtilization, statistic: "Maximum", what: "memory", look: "a leak (memory climbing since the last deploy) before the tasks are OOM-killed; compare with the last deploy and restart or roll back" },
  cpu: { metric: ECS.cpuUtilization, statistic: "Average", what: "CPU", look: "saturation: check request volume, then scale the service out" },
} as const;

/** Fires when an ECS service's memory (Maximum) or CPU (Average) stays above a share of what its tasks reserve. */
export class EcsUtilizationAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: EcsUtilizationAlarmProps) {
    super(scope, id);
    const r = RESOURCES[props.resource];
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(`${props.resource}-${props.service}`),
      description: `${r.what} of ECS service ${props.ecsServiceName} stayed above ${props.thresholdPercent}% of its reservation in ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods of ${props.periodSeconds / 60} min: ${r.look}.`,
      runbookUrl: props.env.runbook(props.resource),
      metric: r.metric.with({ ClusterName: props.clusterName, ServiceName: props.ecsServiceName }),
      statistic: r.statistic,
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdPercent,
      // AWS/ECS reports nothing while no task runs; that is the running-tasks alarm's case, not this one's.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
