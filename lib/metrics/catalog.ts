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
