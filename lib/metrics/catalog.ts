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
 * Container Insights for ECS, namespace ECS/ContainerInsights (needs Container Insights on the cluster;
 * billed as custom metrics). https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 * Service-level series carry BOTH ClusterName and ServiceName: the reference lists every service metric
 * with the dimension set "ServiceName, ClusterName", never ServiceName alone, and CloudWatch matches the
 * exact set — so the guide's `ServiceName`-only alarm watches a series that does not exist.
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
  /**
   * In-place container restarts under an ECS container restart policy (not task replacements), per service.
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html
   */
  restartCount: new MetricDefinition("ECS/ContainerInsights", "RestartCount", "Count", ["ClusterName", "ServiceName"]),
} as const;

/**
 * CloudWatch Logs' own metrics, per log group.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 */
export const LOGS = {
  /** Log events ingested; no datapoint at all for a period in which nothing arrived. */
  incomingLogEvents: new MetricDefinition("AWS/Logs", "IncomingLogEvents", "Count", ["LogGroupName"]),
} as const;
