import type { LogMetricFilter } from "../../replay/world";
import type { MetricId } from "../../replay/metric-data";

/**
 * The unit CloudWatch reports for a metric, for the y-axis label: AWS's own metrics from their documentation pages
 * ("CloudWatch metrics for your Application Load Balancer": TargetResponseTime is in seconds; "Amazon ECS Container
 * Insights metrics": CpuUtilized in CPU units, MemoryUtilized in megabytes), the stack's log metrics from their
 * metric filter's `unit`. Unknown: undefined (no label rather than a wrong one).
 */
const AWS_UNITS: Readonly<Record<string, string>> = {
  "AWS/ApplicationELB|TargetResponseTime": "Seconds",
  "AWS/ApplicationELB|RequestCount": "Count",
  "AWS/ApplicationELB|HTTPCode_Target_5XX_Count": "Count",
  "AWS/ApplicationELB|HTTPCode_Target_4XX_Count": "Count",
  "AWS/ApplicationELB|HTTPCode_ELB_5XX_Count": "Count",
  "AWS/ApplicationELB|HTTPCode_ELB_502_Count": "Count",
  "AWS/ApplicationELB|HTTPCode_ELB_503_Count": "Count",
  "AWS/ApplicationELB|HTTPCode_ELB_504_Count": "Count",
  "AWS/ApplicationELB|TargetConnectionErrorCount": "Count",
  "AWS/ApplicationELB|RejectedConnectionCount": "Count",
  "AWS/ApplicationELB|HealthyHostCount": "Count",
  "AWS/ApplicationELB|UnHealthyHostCount": "Count",
  "AWS/ECS|CPUUtilization": "Percent",
  "AWS/ECS|MemoryUtilization": "Percent",
  "ECS/ContainerInsights|RunningTaskCount": "Count",
  "ECS/ContainerInsights|DesiredTaskCount": "Count",
  "ECS/ContainerInsights|PendingTaskCount": "Count",
  "ECS/ContainerInsights|CpuUtilized": "CPU units",
  "ECS/ContainerInsights|CpuReserved": "CPU units",
  "ECS/ContainerInsights|MemoryUtilized": "Megabytes",
  "ECS/ContainerInsights|MemoryReserved": "Megabytes",
  "ECS/ContainerInsights|RestartCount": "Count",
  "AWS/Logs|IncomingLogEvents": "Count",
  "AWS/Logs|IncomingBytes": "Bytes",
  "AWS/SNS|NumberOfNotificationsFailed": "Count",
  "AWS/SNS|NumberOfNotificationsDelivered": "Count",
};

export type UnitOf = (metric: MetricId) => string | undefined;

export function unitLookup(filters: readonly LogMetricFilter[]): UnitOf {
  const custom = new Map(filters.flatMap((f) => (f.unit === undefined ? [] : [[`${f.namespace}|${f.metricName}`, f.unit] as const])));
  return (m) => AWS_UNITS[`${m.namespace}|${m.metricName}`] ?? custom.get(`${m.namespace}|${m.metricName}`);
}
