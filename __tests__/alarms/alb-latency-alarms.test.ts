import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourceWhere, synthesized } from "../support/synth";

describe("the ALB latency alarms", () => {
  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: high-latency alarm", (name, config) => {
    const { json, tf } = synthesized(config);

    test("p95 TargetResponseTime in seconds, notBreaching when there is no traffic", () => {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `axonflow-${name}-high-latency`,
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: config.alb.arnSuffix },
        extended_statistic: "p95",
        period: 300,
        evaluation_periods: 3,
        comparison_operator: "GreaterThanThreshold",
        threshold: config.alarms.highLatency.thresholdSeconds,
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
      });
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency`);
      expect(alarm.statistic).toBeUndefined();
    });

    test("the threshold is seconds, never the guide's 5000 (83 minutes)", () => {
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency`);
      expect(alarm.threshold).toBeLessThan(60);
    });
  });

  test("thresholdSeconds from the file is the alarm threshold, unconverted", () => {
    const { tf } = synthesized(configFrom({ alarms: { highLatency: { thresholdSeconds: 1.5 } } }));
    expect(resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", "axonflow-test-high-latency").threshold).toBe(1.5);
  });

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: high-latency-p99 alarm", (name, config) => {
    const { json, tf } = synthesized(config);

    test("p99 TargetResponseTime in seconds by LoadBalancer, notBreaching, ticket route", () => {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `axonflow-${name}-high-latency-p99`,
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: config.alb.arnSuffix },
        extended_statistic: "p99",
        period: 300,
        evaluation_periods: config.alarms.highLatencyP99.evaluationPeriods,
        comparison_operator: "GreaterThanThreshold",
        threshold: config.alarms.highLatencyP99.thresholdSeconds,
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
      });
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency-p99`);
      expect(alarm.statistic).toBeUndefined();
      expect(alarm.threshold).toBeLessThan(60);
      expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#high-latency-p99$`));
    });
  });
});
