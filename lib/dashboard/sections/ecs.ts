import { ECS_INSIGHTS } from "../../metrics/catalog";
import type { DashboardInput } from "../dashboard-input";
import { QUARTER, Row, type Widget } from "../grid";
import { MetricWidget } from "../widgets/metric-widget";

/**
 * ECS service health from Container Insights, two widgets per service that runs on ECS: running vs desired
 * tasks, and CPU / memory used as a share of what the tasks reserve. No row when no service runs on ECS.
 */
export function ecsRows({ env, ecsClusterName, services }: DashboardInput): Row[] {
  const widgets: Widget[] = [];
  for (const service of services) {
    if (service.ecsServiceName === undefined) continue;
    const dims = { ClusterName: ecsClusterName, ServiceName: service.ecsServiceName };
    widgets.push(
      new MetricWidget({
        title: `ECS ${service.name}: tasks`,
        region: env.region,
        width: QUARTER,
        // Container Insights reports task counts once a minute; Minimum shows a task that dropped out mid-period.
        stat: "Minimum",
        lines: [
          { metric: ECS_INSIGHTS.runningTaskCount.with(dims), options: { label: "Running" } },
          { metric: ECS_INSIGHTS.desiredTaskCount.with(dims), options: { label: "Desired" } },
        ],
      }),
      new MetricWidget({
        title: `ECS ${service.name}: CPU and memory (% of reserved)`,
        region: env.region,
        width: QUARTER,
        stat: "Average",
        lines: [
          { expression: "100*cpuUsed/cpuReserved", label: "CPU %", id: "cpu" },
          { expression: "100*memUsed/memReserved", label: "Memory %", id: "memory" },
          { metric: ECS_INSIGHTS.cpuUtilized.with(dims), options: { id: "cpuUsed", visible: false } },
          { metric: ECS_INSIGHTS.cpuReserved.with(dims), options: { id: "cpuReserved", visible: false } },
          { metric: ECS_INSIGHTS.memoryUtilized.with(dims), options: { id: "memUsed", visible: false } },
          { metric: ECS_INSIGHTS.memoryReserved.with(dims), options: { id: "memReserved", visible: false } },
        ],
      }),
    );
  }
  return widgets.length > 0 ? [new Row(...widgets)] : [];
}
