import { MetricDefinition } from "./metric";

/**
 * Every AWS metric the stack alarms on or charts, with the exact dimension set AWS publishes it with
 * (CloudWatch matches the whole set: a {LoadBalancer} alarm never sees a {LoadBalancer, TargetGroup} series).
 * ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 * — no Environment dimension; the load balancer is its ARN suffix. Count metrics are published only when
 * non-zero; RequestCount counts only requests for which a target was chosen.
 */
export const ALB = {
  requestCount: new MetricDefinition("AWS/ApplicationELB", "RequestCount", "Count", ["LoadBalancer"]),
  /** Requests routed to one target group. */
  targetGroupRequestCount: new MetricDefinition("AWS/ApplicationELB", "RequestCount", "Count", ["LoadBalancer", "TargetGroup"]),
  target5xx: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Count", ["LoadBalancer"]),
  elb502: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "Count", ["LoadBalancer"]),
  elb503: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_ELB_503_Count", "Count", ["LoadBalancer"]),
  elb504: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_ELB_504_Count", "Count", ["LoadBalancer"]),
  targetConnectionErrors: new MetricDefinition("AWS/ApplicationELB", "TargetConnectionErrorCount", "Count", ["LoadBalancer"]),
  targetGroupTarget5xx: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Count", ["LoadBalancer", "TargetGroup"]),
  /** 5xx the load balancer answered itself; no TargetGroup series. Its 503s of no target are not in RequestCount, 502/504 are. */
  elb5xx: new MetricDefinition("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Count", ["LoadBalancer"]),
  /** Seconds, not milliseconds. */
  targetResponseTime: new MetricDefinition("AWS/ApplicationELB", "TargetResponseTime", "Seconds", ["LoadBalancer"]),
  targetGroupResponseTime: new MetricDefinition("AWS/ApplicationELB", "TargetResponseTime", "Seconds", ["LoadBalancer", "TargetGroup"]),
  /** Only per target group; published every minute, 0 included. */
  healthyHostCount: new MetricDefinition("AWS/ApplicationELB", "HealthyHostCount", "Count", ["LoadBalancer", "TargetGroup"]),
} as const;

/**
 * ECS service metrics, namespace AWS/ECS: "if a service has no running tasks, no metrics are reported".
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html
 */
export const ECS = {
  cpuUtilization: new MetricDefinition("AWS/ECS", "CPUUtilization", "Percent", ["ClusterName", "ServiceName"]),
  memoryUtilization: new MetricDefinition("AWS/ECS", "MemoryUtilization", "Percent", ["ClusterName", "ServiceName"]),
} as const;

/**
 * Container Insights for ECS, namespace ECS/ContainerInsights (Container Insights must be on for the cluster;
 * billed as custom metrics). https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 * Service-level series carry BOTH ClusterName and ServiceName (the guide's ServiceName-only alarm watches a
 * series that does not exist), and are treated as absent while no task of the service runs.
 * RestartCount is not here: it counts only containers with a restart policy (off by default), and a container
 * must run 300 s before it is restarted, so a crash loop never shows in it.
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

/**
 * CloudWatch Logs' own metrics, per log group.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 */
export const LOGS = {
  /** Log events ingested; no datapoint at all for a period in which nothing arrived. */
  incomingLogEvents: new MetricDefinition("AWS/Logs", "IncomingLogEvents", "Count", ["LogGroupName"]),
} as const;

/** SNS, per topic name: https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html */
export const SNS = {
  /** Published only when a delivery failed. */
  notificationsFailed: new MetricDefinition("AWS/SNS", "NumberOfNotificationsFailed", "Count", ["TopicName"]),
} as const;
