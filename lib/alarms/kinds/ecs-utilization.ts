import { ECS } from "../../metrics/catalog";
import { type KindAlarm, PERCENT, serviceKind, type ServiceKindInput } from "../alarm-kind";

const RESOURCES = {
  // Maximum: one leaking task is enough to be OOM-killed, however healthy the others are.
  memory: {
    metric: ECS.memoryUtilization,
    statistic: "Maximum",
    what: "memory",
    look: "a leak (memory climbing since the last deploy) before the tasks are OOM-killed; compare with the last deploy and restart or roll back",
  },
  cpu: {
    metric: ECS.cpuUtilization,
    statistic: "Average",
    what: "CPU",
    look: "saturation: check request volume, then scale the service out",
  },
} as const;

/** An ECS service's memory (Maximum) or CPU (Average) above a share of what its tasks reserve. */
function utilization(
  resource: keyof typeof RESOURCES,
  {
    service,
    settings: s,
    clusterName,
    tuning: t,
  }: ServiceKindInput<{ thresholdPercent: number; periodSeconds: number; evaluationPeriods: number; datapointsToAlarm: number }>,
): KindAlarm[] {
  if (s.ecsServiceName === undefined) return [];
  const r = RESOURCES[resource];
  return [
    {
      name: `${resource}-${service}`,
      spec: {
        kind: "metric",
        description:
          `${r.what} of ECS service ${s.ecsServiceName} stayed above ` +
          `${t.thresholdPercent}% of its reservation in ${t.datapointsToAlarm} of ` +
          `${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min: ${r.look}.`,
        metric: r.metric.with({ ClusterName: clusterName, ServiceName: s.ecsServiceName }),
        statistic: r.statistic,
        comparison: "GreaterThanThreshold",
        threshold: t.thresholdPercent,
        // AWS/ECS reports nothing while no task runs; that is the running-tasks alarm's case, not this one's.
        treatMissingData: "notBreaching",
      },
    },
  ];
}

/**
 * AWS/ECS MemoryUtilization (Maximum over the service's tasks): a leak, heard before the OOM kills. 80 %, not 90: a
 * task leaking a third of its limit an hour passes 90 % only ~15 min before it is killed, and the ticket then comes
 * after the first kills (replay: memory-leak-oom).
 */
export const memory = serviceKind({
  key: "memory",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdPercent: 80 },
  threshold: { thresholdPercent: PERCENT },
  alarms: (input) => utilization("memory", input),
});

/** AWS/ECS CPUUtilization (Average) per service. */
export const cpu = serviceKind({
  key: "cpu",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdPercent: 90 },
  threshold: { thresholdPercent: PERCENT },
  alarms: (input) => utilization("cpu", input),
});
