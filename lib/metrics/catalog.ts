import { MetricDefinition } from "./metric";

/**
 * Every metric the stack alarms on or charts, with the dimension set AWS publishes it with.
 * ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 * — ALB metrics have no Environment dimension; the load balancer is identified by its ARN suffix.
 */
export const ALB = {
  requestCount: new MetricDefinition("AWS/ApplicationELB", "RequestCount", "Count", ["LoadBalancer"]),
  target5xx: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Count", ["LoadBalancer"]),
  elb5xx: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Count", ["LoadBalancer"]),
  /** Seconds, not milliseconds. */
  targetResponseTime: new MetricDefinition("AWS/ApplicationELB", "TargetResponseTime", "Seconds", ["LoadBalancer"]),
} as const;

/**
 * ECS Container Insights, service level (namespace ECS/ContainerInsights, dimensions ClusterName + ServiceName):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 * Published only once Container Insights is enabled on the cluster, and billed as custom metrics.
 */
export const ECS_INSIGHTS = {
  runningTaskCount: new MetricDefinition("ECS/ContainerInsights", "RunningTaskCount", "Count", ["ClusterName", "ServiceName"]),
  desiredTaskCount: new MetricDefinition("ECS/ContainerInsights", "DesiredTaskCount", "Count", ["ClusterName", "ServiceName"]),
  /** CPU units (1024 = one vCPU) used; only for tasks with a CPU reservation. */
  cpuUtilized: new MetricDefinition("ECS/ContainerInsights", "CpuUtilized", "None", ["ClusterName", "ServiceName"]),
  cpuReserved: new MetricDefinition("ECS/ContainerInsights", "CpuReserved", "None", ["ClusterName", "ServiceName"]),
  /** Only for tasks with a memory reservation. */
  memoryUtilized: new MetricDefinition("ECS/ContainerInsights", "MemoryUtilized", "Megabytes", ["ClusterName", "ServiceName"]),
  memoryReserved: new MetricDefinition("ECS/ContainerInsights", "MemoryReserved", "Megabytes", ["ClusterName", "ServiceName"]),
} as const;
