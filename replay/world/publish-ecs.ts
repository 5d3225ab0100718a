import type { MetricId, MetricSink } from "../metric-data";
import { gaugePoint, samplesPoint } from "./datapoints";
import type { ServiceSizing } from "./environment-profile";
import type { FleetMinute } from "./fleet";
import { metricIds } from "./metric-ids";

/**
 * ECS metrics per {ClusterName, ServiceName}, only while at least one task is RUNNING ("Amazon ECS CloudWatch metrics":
 * "If a cluster, service, or other resource has no running tasks, no metrics will be reported"):
 * - `AWS/ECS` CPUUtilization / MemoryUtilization, % of the task definition's reservation, one sample per task
 *   (Minimum / Maximum are the extreme tasks, "Amazon ECS service utilization metrics");
 * - `ECS/ContainerInsights` task counts and CPU units / MiB used and reserved, summed over the service's tasks.
 * No RestartCount: it counts restarts by a container restart policy, which these services do not have.
 */
const INSIGHTS = [
  "RunningTaskCount",
  "DesiredTaskCount",
  "PendingTaskCount",
  "CpuUtilized",
  "CpuReserved",
  "MemoryUtilized",
  "MemoryReserved",
] as const;

export class EcsPublisher {
  private readonly cpu: MetricId;
  private readonly memory: MetricId;
  private readonly insights: Readonly<Record<(typeof INSIGHTS)[number], MetricId>>;

  constructor(
    cluster: string,
    ecsService: string,
    private readonly sizing: ServiceSizing,
  ) {
    const dimensions = { ClusterName: cluster, ServiceName: ecsService };
    this.cpu = { namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions };
    this.memory = { namespace: "AWS/ECS", metricName: "MemoryUtilization", dimensions };
    this.insights = metricIds("ECS/ContainerInsights", INSIGHTS, dimensions);
  }

  publish(sink: MetricSink, timestamp: number, fleet: FleetMinute, cpuPercents: readonly number[]): void {
    if (fleet.running === 0) return;
    sink.put(this.cpu, samplesPoint(timestamp, cpuPercents));
    sink.put(this.memory, samplesPoint(timestamp, fleet.memoryPercents));
    const ci = this.insights;
    sink.put(ci.RunningTaskCount, gaugePoint(timestamp, fleet.running));
    sink.put(ci.DesiredTaskCount, gaugePoint(timestamp, fleet.desired));
    sink.put(ci.PendingTaskCount, gaugePoint(timestamp, fleet.pending));
    sink.put(ci.CpuUtilized, gaugePoint(timestamp, (sum(cpuPercents) * this.sizing.cpuUnits) / 100));
    sink.put(ci.CpuReserved, gaugePoint(timestamp, fleet.running * this.sizing.cpuUnits));
    sink.put(ci.MemoryUtilized, gaugePoint(timestamp, (sum(fleet.memoryPercents) * this.sizing.memoryMiB) / 100));
    sink.put(ci.MemoryReserved, gaugePoint(timestamp, fleet.running * this.sizing.memoryMiB));
  }
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
